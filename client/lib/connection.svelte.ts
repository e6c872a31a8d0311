import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../protocol/constants.js';
import { openSnapshot } from '../../protocol/snapshot-wire.js';
import { openDerivedUpdate, openHelloDerived } from '../../protocol/derived.js';
import type { Ack, ClientToServer, Delta, DerivedUpdate, HelloReply, ServerToClient } from '../../protocol/index.js';
import type { LiveStore } from './live.svelte.js';
import type { ServerClock } from './clock.svelte.js';
import type { UpdatePump } from './update-pump.js';

export type ConnectionState = 'live' | 'reconnecting' | 'stale';

/** The commands a person can send: every client event except the sync handshake. */
export type CommandName = Exclude<keyof ClientToServer, 'sync:hello'>;
export type CommandOf<E extends CommandName> = Parameters<ClientToServer[E]>[0];
type ReplyOf<E extends CommandName> = Parameters<Parameters<ClientToServer[E]>[1]>[0];
/** What a command's successful answer carries, e.g. `{ seq }`. */
export type ResultOf<E extends CommandName> = Extract<ReplyOf<E>, { ok: true }>['data'];

/**
 * The server speaks at least every 5 s (its heartbeat, NEXUS_HEARTBEAT_MS). After this long
 * without a word the data on screen is stale, whether or not the socket still looks connected
 * (a server that died without closing it looks connected for 45 s): two heartbeats missed, plus
 * slack. The clock ticks once a second, so a lost server shows as stale within 13 s of its last
 * word, inside the 15 s that docs/operations.md promises.
 */
export const STALE_AFTER_MS = 12_000;
const ACK_TIMEOUT_MS = 10_000;
const RETRY_HELLO_MS = 2_000;
/** How long a server may stay behind our last sequence number before we take it as reset. */
const RESET_AFTER_MS = 10_000;
const RELOAD_KEY = 'nexus-live.protocolReloadAt';
/** What the server says when it turns the socket away: the session is over, not the network. */
const REFUSALS = new Set(['unauthenticated', 'forbidden']);
const NO_ANSWER = 'No answer from the server within 10 s. Check whether it was done before trying again.';

/**
 * The one socket to the server, and how sure we are that the screen is current. On every
 * (re)connect it says hello with the last sequence number applied and the server answers with
 * what was missed (or a snapshot). A gap in the sequence, or a heartbeat announcing a sequence
 * we have not seen, triggers the same hello: the screen heals itself instead of freezing.
 */
export class Connection {
  readonly #socket: Socket<ServerToClient, ClientToServer>;
  /**
   * The same socket, untyped: Socket.IO's emit cannot tie a generic event name to its payload,
   * so `send` does the typing for every caller and emits through this.
   */
  readonly #raw: Socket;
  readonly #live: LiveStore;
  readonly #clock: ServerClock;
  readonly #pump: UpdatePump;
  readonly #onRefused: () => void;
  #closed = false;

  #connected = $state(false);
  /** Local time this screen started: before the first word, how long it has waited for one. */
  readonly #startedAt = Date.now();
  /** Local time of the last message from the server: the moment our data was known current. */
  #heardAt = $state<number | null>(null);
  #problem = $state<string | null>(null);

  /** Identifies the hello in flight; a reply to an older one is ignored. */
  #helloId = 0;
  #helloInFlight = false;
  /** Highest sequence number the server has told us exists. */
  #announced = 0;
  /** Set when deltas could not be applied: the next hello asks for a full snapshot. */
  #wantSnapshot = false;
  /** Since when heartbeats have said the server is behind us (null: it is not). */
  #behindSince: number | null = null;
  /** Deltas that arrived while a hello was being answered, applied after its reply. */
  #held: Delta[] = [];
  /** Derived-view updates held the same way. */
  #heldDerived: DerivedUpdate[] = [];
  /** Set when a derived update did not follow: the next hello asks for the derived view whole. */
  #wantDerivedWhole = false;

  /**
   * `onRefused` is told when the server refuses this session (signed out, expired, user
   * disabled or changed, wall display revoked). The session cookie goes with the handshake on
   * its own (same origin), so no token is ever held in script. What the server pushes (deltas,
   * derived views, heartbeats) is handled by `pump`, once a second in one frame, in arrival order.
   */
  constructor(live: LiveStore, clock: ServerClock, pump: UpdatePump, onRefused: () => void) {
    this.#live = live;
    this.#clock = clock;
    this.#pump = pump;
    this.#onRefused = onRefused;
    const socket = io({ autoConnect: false });
    this.#raw = socket;
    this.#socket = socket;
    this.#socket.on('connect', () => {
      this.#connected = true;
      this.#problem = null;
      this.#helloInFlight = false;
      this.#hello();
    });
    this.#socket.on('disconnect', (reason) => {
      this.#connected = false;
      // The server closed us deliberately (perhaps the session ended: the retry will say);
      // Socket.IO will not retry on its own.
      if (reason === 'io server disconnect') setTimeout(() => this.#closed || this.#socket.connect(), RETRY_HELLO_MS);
    });
    this.#socket.on('connect_error', (err) => {
      this.#problem = err.message;
      if (REFUSALS.has(err.message)) return this.#refused();
      // A network problem: Socket.IO keeps trying by itself. A handshake the server turned down for
      // now (its database away, too many tabs) it does not retry: try again shortly ourselves.
      if (!this.#socket.active) setTimeout(() => this.#closed || this.#socket.connect(), RETRY_HELLO_MS);
    });
    // Each handler notes when the message came; the pump applies it with the next second's frame.
    this.#socket.on('sync:deltas', (deltas) => {
      const at = Date.now();
      pump.queue(() => this.#onDeltas(deltas, at));
    });
    // Broadcast updates come gzipped, opened as they arrive (so in order); one that cannot be read asks for the view whole.
    this.#socket.on('live:derived', (packed) => {
      const at = Date.now();
      let update: DerivedUpdate;
      try {
        update = openDerivedUpdate(packed);
      } catch {
        this.#wantDerivedWhole = true;
        return this.#hello();
      }
      pump.queue(() => this.#onDerived(update, at));
    });
    this.#socket.on('sync:heartbeat', (beat) => {
      const at = Date.now();
      pump.queue(() => this.#onHeartbeat(beat, at));
    });
  }

  #onHeartbeat({ seq, serverTime }: Parameters<ServerToClient['sync:heartbeat']>[0], at: number): void {
    this.#clock.observe(serverTime, at);
    this.#heardAt = at;
    const last = this.#live.lastSeq;
    if (last === null) return; // the hello in flight brings a snapshot
    if (seq > last) {
      this.#announced = Math.max(this.#announced, seq);
      this.#hello();
    } else if (seq < last) {
      // The server is behind us: in a cluster, a node we just moved to that is still catching
      // up (a second or so); only a server that stays behind had its log reset. Then start
      // again from its snapshot.
      this.#behindSince ??= Date.now();
      if (Date.now() - this.#behindSince >= RESET_AFTER_MS) {
        this.#behindSince = null;
        this.#wantSnapshot = true;
        this.#hello();
      }
    } else {
      this.#behindSince = null;
    }
  }

  connect(): void {
    this.#socket.connect();
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Last connection error or refusal, for a tooltip; null when all is well. */
  get problem(): string | null {
    return this.#problem;
  }

  /**
   * Live: connected, caught up, and heard from lately. Stale: nothing heard for STALE_AFTER_MS,
   * however the socket looks. In between (the socket dropped, or is catching up, but the data
   * is recent): reconnecting.
   */
  get state(): ConnectionState {
    return this.#state;
  }

  // Derived, not worked out per read: it reads the clock, and every reader (the indicator, the
  // stale marking, each recommendation's button) would otherwise re-run every second for a state
  // that rarely changes. Readers now re-run only when the state itself changes.
  readonly #state: ConnectionState = $derived.by(() => {
    const silentFor = this.#clock.localNow - (this.#heardAt ?? this.#startedAt);
    if (silentFor > STALE_AFTER_MS) return 'stale';
    return this.#connected && this.#heardAt !== null && this.#live.ready ? 'live' : 'reconnecting';
  });

  /** Local time the server last spoke to us (data or heartbeat); null before the first. */
  get heardAt(): number | null {
    return this.#live.ready ? this.#heardAt : null;
  }

  /** Closes the socket for good (signed out): no retry, nothing more arrives. */
  close(): void {
    this.#closed = true;
    this.#helloId++;
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  }

  /**
   * Sends a command (a move, a check, a reason, an acknowledgement, a rule set) and resolves with
   * the server's answer. While reconnecting the command waits in Socket.IO's buffer; if no answer
   * comes in time it is withdrawn from the buffer, so a late reconnect cannot replay it.
   */
  send<E extends CommandName>(event: E, command: CommandOf<E>): Promise<Ack<ResultOf<E>>> {
    return new Promise((resolve) => {
      // What the command changes comes back as deltas: show them at once, not with the next second.
      this.#pump.hurry();
      this.#raw.timeout(ACK_TIMEOUT_MS).emit(event, command, (err: Error | null, reply: Ack<ResultOf<E>>) => {
        // Refused because the session is over: the sign-in page, not an error under the button.
        if (!err && !reply.ok && reply.error.code === 'unauthenticated') this.#refused();
        resolve(err ? { ok: false, error: { code: 'internal', message: NO_ANSWER } } : reply);
      });
    });
  }

  #refused(): void {
    if (this.#closed) return;
    this.close();
    this.#onRefused();
  }

  #onDeltas(deltas: Delta[], at: number): void {
    this.#heardAt = at;
    for (const d of deltas) this.#announced = Math.max(this.#announced, d.seq);
    // While a hello is answered (and its snapshot opened), keep what arrives and apply it after.
    if (this.#helloInFlight) return void this.#held.push(...deltas);
    if (!this.#live.ready) return;
    if (!this.#live.apply(deltas).ok) this.#hello();
  }

  #onDerived(update: DerivedUpdate, at: number): void {
    this.#heardAt = at;
    if (this.#helloInFlight) return void this.#heldDerived.push(update);
    if (!this.#live.ready) return;
    if (!this.#live.applyDerived([update])) {
      this.#wantDerivedWhole = true;
      this.#hello();
    }
  }

  #hello(): void {
    if (this.#helloInFlight || !this.#socket.connected) return;
    this.#helloInFlight = true;
    const id = ++this.#helloId;
    const lastSeq = this.#wantSnapshot ? null : this.#live.lastSeq;
    const derived = this.#wantDerivedWhole ? null : this.#live.derivedCursor;
    this.#wantDerivedWhole = false;
    this.#socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('sync:hello', { protocolVersion: PROTOCOL_VERSION, lastSeq, derived }, (err, reply) => {
        if (id !== this.#helloId) return;
        if (err || !reply.ok) {
          this.#helloInFlight = false;
          this.#held = [];
          this.#heldDerived = [];
        }
        if (err) return void setTimeout(() => this.#hello(), RETRY_HELLO_MS);
        if (!reply.ok) {
          if (reply.error.code === 'protocol_mismatch') return reloadOnce((m) => (this.#problem = m));
          if (REFUSALS.has(reply.error.code)) return this.#refused();
          this.#problem = reply.error.message;
          return void setTimeout(() => this.#hello(), RETRY_HELLO_MS);
        }
        this.#heardAt = Date.now();
        void this.#receive(reply.data).then(
          () => {
            if (id !== this.#helloId) return;
            this.#helloInFlight = false;
            // More happened while we waited (or the reply had a hole): ask again.
            if (this.#wantSnapshot || this.#wantDerivedWhole || this.#announced > (this.#live.lastSeq ?? 0)) this.#hello();
          },
          (error: unknown) => {
            if (id !== this.#helloId) return;
            this.#helloInFlight = false;
            this.#problem = `The snapshot could not be read: ${String(error)}`;
            setTimeout(() => this.#hello(), RETRY_HELLO_MS);
          },
        );
      });
  }

  async #receive(reply: HelloReply): Promise<void> {
    // The reply's own derived updates, folded below before the ones held while it was on its way.
    const derived = openHelloDerived(reply.derived);
    if (reply.mode === 'snapshot') {
      const snapshot = await openSnapshot(reply.packed.gzip);
      this.#clock.observe(snapshot.serverTime);
      this.#live.replace(snapshot, reply.packed.derived);
      this.#wantSnapshot = false;
      // Forget what an earlier server life announced: after a reset the log starts lower.
      this.#announced = Math.max(snapshot.seq, ...this.#held.map((d) => d.seq));
    }
    const before = this.#live.lastSeq;
    const held = this.#held.splice(0);
    const applied = this.#live.apply([...reply.deltas, ...held]).ok;
    // A catch-up with a hole, or one that brought nothing we lacked: start clean, don't loop.
    if (reply.mode === 'deltas' && (!applied || (this.#live.lastSeq === before && this.#announced > (before ?? 0)))) this.#wantSnapshot = true;
    // The derived view after the deltas: what the reply brought, then what arrived meanwhile.
    if (!this.#live.applyDerived([...derived, ...this.#heldDerived.splice(0)])) this.#wantDerivedWhole = true;
  }
}

/**
 * The server speaks a newer protocol: a reload fetches the matching client. Only once a minute,
 * so a server that is older than this page cannot put the wall display into a reload loop.
 */
function reloadOnce(explain: (message: string) => void): void {
  let last = 0;
  try {
    last = Number(sessionStorage.getItem(RELOAD_KEY) ?? 0);
    sessionStorage.setItem(RELOAD_KEY, String(Date.now()));
  } catch {
    // no session storage: reload anyway
  }
  if (Date.now() - last < 60_000) explain('This screen and the server use different protocol versions.');
  else location.reload();
}
