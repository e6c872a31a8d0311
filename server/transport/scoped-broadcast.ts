import type { Server, Socket } from 'socket.io';
import type { ClientToServer, Delta, HelloReply, LiveDerived, ServerToClient } from '../../protocol/index.js';
import { findCase } from '../domain/index.js';
import type { LiveEngine } from '../live/engine.js';
import { messageOf, type Logger } from '../log.js';
import type { Principal } from '../security/principal.js';
import { recent } from '../live/recent.js';
import { SnapshotPacker } from './snapshot-packer.js';
import { filterDeltas, filterDerived, filterSnapshot, scopeFor, scopeKey, type Scope } from '../security/views.js';

type NexusServer = Server<ClientToServer, ServerToClient>;

/**
 * Live updates per scope: sockets that may see the same things share a room, and each room gets
 * its deltas filtered once. What a role may not see never leaves the server. Always to this
 * node's own sockets (`io.local`): in a cluster every node folds the log and tells its own
 * screens, so a broadcast through the adapter would reach every screen twice.
 */
export class ScopedBroadcast {
  readonly #io: NexusServer;
  readonly #engine: LiveEngine;
  readonly #scopes = new Map<string, Scope>();
  readonly #packer = new SnapshotPacker();
  /** One computation serves a burst of reconnecting screens (e.g. after a restart). */
  readonly #recentDerived: () => LiveDerived;
  readonly #log: Logger;

  constructor(io: NexusServer, engine: LiveEngine, log: Logger) {
    this.#io = io;
    this.#engine = engine;
    this.#log = log;
    this.#recentDerived = recent(engine, 1_000, () => engine.derived());
  }

  /**
   * Answers a hello, filtered for the socket's scope, and puts the socket in its scope's room in
   * the same tick as the answer, so the first broadcast it sees follows what the answer holds.
   * A snapshot is packed first (off the event loop); what happened meanwhile goes with it.
   */
  join(socket: Socket<ClientToServer, ServerToClient>, principal: Principal, lastSeq: number | null, reply: (r: HelloReply) => void): void {
    const key = scopeKey(principal.role, principal.regions);
    const scope = this.#scopes.get(key) ?? scopeFor(principal.role, principal.regions);
    this.#scopes.set(key, scope);
    const missed = this.#engine.missedSince(lastSeq);
    if (missed) {
      void socket.join(room(key));
      return reply({ mode: 'deltas', deltas: this.#filter(missed, scope) });
    }
    const build = () => filterSnapshot(this.#engine.snapshot(() => this.#recentDerived()), scope, this.#caseSuite);
    this.#packer.packed(key, this.#engine.seq, build).then(
      (packed) => {
        if (socket.disconnected) return;
        const since = this.#engine.missedSince(packed.seq);
        // Too much happened while packing to catch up from the buffer: start again.
        if (!since) return this.join(socket, principal, null, reply);
        void socket.join(room(key));
        reply({ mode: 'snapshot', packed, deltas: this.#filter(since, scope) });
      },
      (error: unknown) => {
        this.#log.error('snapshot.pack_failed', { message: messageOf(error) });
        socket.disconnect(true); // the client reconnects and asks again
      },
    );
  }

  deltas(deltas: readonly Delta[]): void {
    for (const [key, scope] of this.#scopes) this.#io.local.to(room(key)).emit('sync:deltas', this.#filter(deltas, scope));
  }

  #filter(deltas: readonly Delta[], scope: Scope): Delta[] {
    return filterDeltas(deltas, scope, this.#suiteRegion, this.#officerRegion);
  }

  derived(): void {
    if (this.#scopes.size === 0) return;
    const all = this.#recentDerived();
    for (const [key, scope] of this.#scopes) this.#io.local.to(room(key)).emit('live:derived', this.derivedFor(scope, all));
  }

  derivedFor(scope: Scope, all = this.#recentDerived()) {
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
