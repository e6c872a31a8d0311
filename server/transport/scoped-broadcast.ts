import type { Server, Socket } from 'socket.io';
import type { ClientToServer, Delta, DerivedCursor, LiveDerived, ServerToClient } from '../../protocol/index.js';
import { findCase } from '../domain/index.js';
import type { LiveEngine } from '../live/engine.js';
import { messageOf, type Logger } from '../log.js';
import type { Principal } from '../security/principal.js';
import { recent } from '../live/recent.js';
import { DeltaJson } from './delta-json.js';
import { DerivedFeed, packDerived } from './derived-feed.js';
import type { EncodedJson } from './encoded-json.js';
import { encodeHelloReply } from './hello-reply.js';
import { SnapshotPacker } from './snapshot-packer.js';
import { filterDeltas, filterDerived, filterSnapshot, scopeFor, scopeKey, type Scope } from '../security/views.js';

type NexusServer = Server<ClientToServer, ServerToClient>;

/** How long one recomputation of the derived view serves every question about it (engine clock). */
const FRESH_MS = 1_000;
/** A derived view older than this (engine clock) is recomputed before a hello is given it: over the 15 s publishing interval. */
const STALE_MS = 20_000;

/**
 * Live updates per scope: sockets that may see the same things share a room, and each room gets
 * its deltas filtered once. What a role may not see never leaves the server. Always to this
 * node's own sockets (`io.local`): in a cluster every node folds the log and tells its own
 * screens, so a broadcast through the adapter would reach every screen twice.
 */
export class ScopedBroadcast {
  readonly #io: NexusServer;
  readonly #engine: LiveEngine;
  readonly #scopes = new Map<string, { scope: Scope; feed: DerivedFeed; deltaJson: DeltaJson }>();
  readonly #packer = new SnapshotPacker();
  /** One computation serves a burst of reconnecting screens (e.g. after a restart). */
  readonly #recentDerived: () => LiveDerived;
  readonly #log: Logger;

  constructor(io: NexusServer, engine: LiveEngine, log: Logger) {
    this.#io = io;
    this.#engine = engine;
    this.#log = log;
    this.#recentDerived = recent(engine, FRESH_MS, () => engine.derived());
  }

  /**
   * Answers a hello, filtered for the socket's scope, and puts the socket in its scope's room in
   * the same tick as the answer, so the first broadcast it sees follows what the answer holds
   * (deltas and derived changes alike). A snapshot is packed first (off the event loop); what
   * happened meanwhile goes with it. The reply goes as JSON text made of the scope's deltas, each
   * written once for every screen that catches up (DeltaJson), not once per socket.
   */
  join(
    socket: Socket<ClientToServer, ServerToClient>,
    principal: Principal,
    lastSeq: number | null,
    derived: DerivedCursor | null | undefined,
    reply: (r: EncodedJson) => void,
  ): void {
    const key = scopeKey(principal.role, principal.regions);
    const { scope, feed, deltaJson } = this.#scopeOf(key, principal);
    this.#refresh(key, scope, feed);
    const missed = this.#engine.missedSince(lastSeq);
    if (missed) {
      void socket.join(room(key));
      return reply(encodeHelloReply(deltaJson.list(missed), feed.forHello(derived)));
    }
    // The snapshot holds the scope's derived view as its feed has it: no recomputation per hello.
    const build = () => ({ snapshot: filterSnapshot(this.#engine.snapshot(() => feed.view), scope, this.#caseSuite, feed.view), derived: feed.cursor });
    const seq = this.#engine.seq;
    // The scope's last packed snapshot and the deltas since, if it is recent; a newer one is packed after.
    const recent = this.#packer.recent(key, seq);
    const base = recent && this.#engine.missedSince(recent.seq) ? recent.packed : null;
    if (base) this.#packer.refresh(key, seq, () => this.#engine.seq, build);
    (base ?? this.#packer.packed(key, seq, build)).then(
      (packed) => {
        if (socket.disconnected) return;
        const since = this.#engine.missedSince(packed.seq);
        // Too much happened while packing to catch up from the buffer: start again.
        if (!since) return this.join(socket, principal, null, null, reply);
        void socket.join(room(key));
        reply(encodeHelloReply(deltaJson.list(since), feed.forHello(packed.derived), packed));
      },
      (error: unknown) => {
        this.#log.error('snapshot.pack_failed', { message: messageOf(error) });
        socket.disconnect(true); // the client reconnects and asks again
      },
    );
  }

  deltas(deltas: readonly Delta[]): void {
    for (const [key, { scope }] of this.#scopes) this.#io.local.to(room(key)).emit('sync:deltas', this.#filter(deltas, scope));
  }

  #filter(deltas: readonly Delta[], scope: Scope): Delta[] {
    return filterDeltas(deltas, scope, this.#suiteRegion, this.#officerRegion);
  }

  /**
   * Recomputes the derived view once, filters it once per scope, and sends each scope's room
   * what changed since its last version (nothing, if nothing did).
   */
  derived(): void {
    if (this.#scopes.size === 0) return;
    const all = this.#recentDerived();
    for (const [key, { scope, feed }] of this.#scopes) {
      const update = feed.advance(this.#derivedFor(scope, all));
      if (update) this.#io.local.to(room(key)).emit('live:derived', packDerived(update));
    }
  }

  /**
   * A hello gets the scope's view as its room has it: recomputed within a second of a change and
   * every 15 s (NEXUS_DERIVED_MS). Only a view older than the publisher ever leaves one (its timer
   * held up, or the clock moved on at once) is brought up to date first, and the room told, so
   * every socket of the scope stays on one series of versions. Not on every hello: while facts
   * flow that would recompute the national view once per reconnecting screen.
   */
  #refresh(key: string, scope: Scope, feed: DerivedFeed): void {
    if (this.#engine.now() - feed.view.at < STALE_MS) return;
    const update = feed.advance(this.#derivedFor(scope, this.#recentDerived()));
    if (update) this.#io.local.to(room(key)).emit('live:derived', packDerived(update));
  }

  #scopeOf(key: string, principal: Principal): { scope: Scope; feed: DerivedFeed; deltaJson: DeltaJson } {
    const known = this.#scopes.get(key);
    if (known) return known;
    const scope = scopeFor(principal.role, principal.regions);
    const made = { scope, feed: new DerivedFeed(this.#derivedFor(scope, this.#recentDerived())), deltaJson: new DeltaJson((deltas) => this.#filter(deltas, scope)) };
    this.#scopes.set(key, made);
    return made;
  }

  #derivedFor(scope: Scope, all: LiveDerived): LiveDerived {
    const suiteIds = new Set([...this.#engine.state.suites.values()].filter((s) => scope.regions === null || scope.regions.has(s.region)).map((s) => s.id));
    return filterDerived(all, scope, suiteIds, this.#caseSuite);
  }

  heartbeat(serverTime: number): void {
    for (const key of this.#scopes.keys()) this.#io.local.to(room(key)).emit('sync:heartbeat', { seq: this.#engine.seq, serverTime });
  }


  readonly #caseSuite = (ref: string) => findCase(this.#engine.state, ref)?.suiteId;
  readonly #suiteRegion = (id: string) => this.#engine.state.suites.get(id)?.region;
  readonly #officerRegion = (id: string) => this.#engine.state.officers.get(id)?.region;
}

const room = (key: string) => `scope:${key}`;

