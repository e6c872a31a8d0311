import { gunzipSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../../protocol/constants.js';
import type { ClientToServer, Delta, DerivedCursor, DerivedUpdate, HelloReply, PackedDerivedUpdate, ServerToClient } from '../../../protocol/index.js';
import { nowMs } from '../time.js';

/**
 * A dashboard's connection logic without the screen, as client/lib/connection.svelte.ts does it:
 * hello with the last seq on every (re)connect, hello again on a gap or on a heartbeat that
 * announces a later seq, retry after a deliberate server disconnect. Like the dashboard it follows
 * the derived view's versions and sends its cursor with every hello, so the server can answer with
 * the changes it missed rather than the view whole. It tracks versions only (views are not
 * folded), and a broadcast update is opened only when its version is needed, at the next hello:
 * one socket's updates arrive in order, so the last one names where the screen stands, and one
 * core running a thousand screens cannot open every update each of them would.
 * It records which non-position events it received and how long each catch-up took.
 */
export class ResumeClient {
  socket: Socket<ServerToClient, ClientToServer>;
  lastSeq: number | null = null;
  /** The seq of the first snapshot: events after it must all arrive. */
  startSeq: number | null = null;
  readonly received = new Set<number>();
  readonly replayMs: number[] = [];
  snapshotsAfterStart = 0;
  drops = 0;
  /** Set by the bench before a server restart; the next completed hello after it is noted. */
  restartMark = false;
  resyncedAt: number | null = null;
  /**
   * Why the server refused the last handshake (e.g. 'unavailable' while a node is swamped), or
   * null: Socket.IO does not retry a refused handshake, and the dashboard does not either, so the
   * client stays down.
   */
  refusal: string | null = null;
  /** Where this client's derived view stands (null: ask for it whole), as the dashboard's live store keeps it. */
  derived: DerivedCursor | null = null;
  /** The last broadcast update, not opened yet. */
  #lastUpdate: PackedDerivedUpdate | null = null;
  #reconnectStarted: number | null = null;
  #helloInFlight = false;
  #again = false;
  #node: number;

  /**
   * `cookie`: the session cookie, sent with every (re)connect's handshake as a browser would.
   * `urls`: the nodes; it starts on `urls[node]` and each deliberate drop brings it back on the
   * next one (one url: the same server), so on a cluster every catch-up is answered by the node
   * that did not send what came before.
   */
  constructor(
    readonly urls: readonly string[],
    readonly cookie: string,
    node = 0,
  ) {
    this.#node = node;
    this.socket = this.#connect();
  }

  #connect(): Socket<ServerToClient, ClientToServer> {
    // Default reconnection settings, as the dashboard; WebSocket only, to spare the load generator.
    const socket: Socket<ServerToClient, ClientToServer> = io(this.urls[this.#node]!, { extraHeaders: { cookie: this.cookie }, transports: ['websocket'], forceNew: true });
    socket.on('connect', () => {
      this.refusal = null;
      this.hello();
    });
    socket.on('connect_error', (error) => {
      if (!socket.active) this.refusal = error.message; // refused by the server, not a network error
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 2000);
    });
    socket.on('sync:deltas', (deltas) => this.#apply(deltas, true));
    socket.on('live:derived', (packed) => (this.#lastUpdate = packed));
    socket.on('sync:heartbeat', ({ seq }) => {
      if (this.lastSeq !== null && seq > this.lastSeq) this.hello();
    });
    return socket;
  }

  get synced(): boolean {
    return this.lastSeq !== null;
  }

  hello(): void {
    if (this.#helloInFlight) {
      this.#again = true;
      return;
    }
    if (!this.socket.connected) return;
    this.#helloInFlight = true;
    this.#openLastUpdate();
    this.socket.timeout(10_000).emit('sync:hello', { protocolVersion: PROTOCOL_VERSION, lastSeq: this.lastSeq, derived: this.derived }, (err, reply) => {
      this.#helloInFlight = false;
      if (err || !reply.ok) return void setTimeout(() => this.hello(), 500);
      this.#receive(reply.data);
      const now = nowMs();
      if (this.#reconnectStarted !== null) {
        this.replayMs.push(now - this.#reconnectStarted);
        this.#reconnectStarted = null;
      }
      if (this.restartMark) {
        this.restartMark = false;
        this.resyncedAt = now;
      }
      if (this.#again) {
        this.#again = false;
        this.hello();
      }
    });
  }

  /** Drops the connection for `downMs`, then reconnects and catches up. */
  drop(downMs: number): void {
    if (!this.socket.connected) return;
    this.drops++;
    this.socket.disconnect();
    setTimeout(() => {
      this.#reconnectStarted = nowMs();
      if (this.urls.length === 1) return void this.socket.connect();
      this.socket.removeAllListeners();
      this.#helloInFlight = false;
      this.#lastUpdate = null;
      this.#node = (this.#node + 1) % this.urls.length;
      this.socket = this.#connect();
    }, downMs);
  }

  #receive(reply: HelloReply): void {
    if (reply.mode === 'snapshot') {
      // Only sequence numbers are tracked here, so the packed snapshot is not opened.
      if (this.startSeq === null) this.startSeq = reply.packed.seq;
      else this.snapshotsAfterStart++;
      this.lastSeq = reply.packed.seq;
      this.derived = reply.packed.derived;
    }
    this.#apply(reply.deltas, false);
    this.#follow(Array.isArray(reply.derived) ? reply.derived : [openPacked(reply.derived)]);
  }

  /** Takes the cursor to the last broadcast update's version when that is ahead on the same feed. */
  #openLastUpdate(): void {
    if (!this.#lastUpdate) return;
    const update = openPacked(this.#lastUpdate);
    this.#lastUpdate = null;
    if (this.derived && update.feed === this.derived.feed && update.version > this.derived.version) this.derived = { feed: update.feed, version: update.version };
  }

  /** Moves the derived cursor along a reply's updates, as foldDerivedUpdate would; no cursor (ask for the view whole) when one does not follow. */
  #follow(updates: readonly DerivedUpdate[]): void {
    for (const u of updates) {
      if (u.kind === 'whole') this.derived = { feed: u.feed, version: u.version };
      else if (this.derived && u.feed === this.derived.feed && u.version <= this.derived.version) continue;
      else if (this.derived && u.feed === this.derived.feed && u.version === this.derived.version + 1) this.derived = { feed: u.feed, version: u.version };
      else return void (this.derived = null);
    }
  }

  #apply(deltas: readonly Delta[], live: boolean): void {
    if (this.lastSeq === null) return;
    for (const d of deltas) {
      if (d.seq <= this.lastSeq) continue;
      if (d.seq !== this.lastSeq + 1) {
        if (live) this.hello();
        return;
      }
      if (d.type !== 'officers.moved') this.received.add(d.seq);
      this.lastSeq = d.seq;
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** A packed derived update, opened at once (the screens use DecompressionStream; the result is the same). */
const openPacked = (packed: PackedDerivedUpdate): DerivedUpdate =>
  JSON.parse(gunzipSync(packed instanceof ArrayBuffer ? new Uint8Array(packed) : packed).toString('utf8')) as DerivedUpdate;
