import { io as connect, type Socket } from 'socket.io-client';
import { openSnapshot, PROTOCOL_VERSION, type ClientToServer, type Delta, type HelloReply, type ServerToClient } from '../../protocol/index.js';

/** What a screen knows of a suite: the figures a failover must not lose or double. */
export interface SuiteFigures {
  inCustody: number;
  pendingChecks: number;
}

/**
 * A dashboard's connection as a load balancer in front of a cluster would give it: when its node
 * goes away it connects to the next one at once and says hello with the last sequence number it
 * applied, as client/lib/connection.svelte.ts does. It keeps every delta in arrival order and the
 * suite figures it would show.
 */
export class FailoverClient {
  /** Deltas as applied: each seq once, in order (what the screen shows). */
  readonly deltas: Delta[] = [];
  /** Every delta as it arrived, before any check: duplicates or reordering would show here. */
  readonly arrived: number[] = [];
  readonly figures = new Map<string, SuiteFigures>();
  lastSeq: number | null = null;
  /** When a hello after losing a node was answered (ms since epoch), one entry per failover. */
  readonly resyncedAt: number[] = [];
  node = 0;
  #socket: Socket<ServerToClient, ClientToServer> | null = null;
  #closed = false;

  constructor(
    readonly urls: string[],
    readonly cookie: string,
    first = 0,
  ) {
    this.node = first;
  }

  /** Connects to the first node and takes the snapshot. */
  start(): Promise<void> {
    return this.#open(false);
  }

  close(): void {
    this.#closed = true;
    this.#socket?.close();
  }

  #open(afterLoss: boolean): Promise<void> {
    const socket: Socket<ServerToClient, ClientToServer> = connect(this.urls[this.node]!, {
      extraHeaders: { cookie: this.cookie },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.#socket = socket;
    socket.on('sync:deltas', (deltas) => this.#apply(deltas, socket));
    socket.on('sync:heartbeat', ({ seq }) => {
      if (this.lastSeq !== null && seq > this.lastSeq) void this.#hello(socket, false);
    });
    socket.on('disconnect', () => {
      if (this.#closed || this.#socket !== socket) return;
      this.node = (this.node + 1) % this.urls.length;
      void this.#open(true).catch(() => {});
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => this.#hello(socket, afterLoss).then(resolve, reject));
      socket.once('connect_error', (error) => {
        // The next node may still be coming up: try it again shortly.
        if (afterLoss && !this.#closed) setTimeout(() => this.#open(true).then(resolve, reject), 100);
        else reject(error);
      });
    });
  }

  #hello(socket: Socket<ServerToClient, ClientToServer>, afterLoss: boolean): Promise<void> {
    return new Promise((resolve, reject) =>
      socket.emit('sync:hello', { protocolVersion: PROTOCOL_VERSION, lastSeq: this.lastSeq }, (reply) => {
        if (!reply.ok) return reject(new Error(reply.error.message));
        void this.#catchUp(reply.data).then(() => {
          if (afterLoss) this.resyncedAt.push(Date.now());
          resolve();
        }, reject);
      }),
    );
  }

  async #catchUp(reply: HelloReply): Promise<void> {
    if (reply.mode === 'snapshot') {
      const snapshot = await openSnapshot(reply.packed.gzip);
      for (const s of snapshot.suites) this.figures.set(s.id, { inCustody: s.inCustody, pendingChecks: s.pendingChecks });
      this.lastSeq = snapshot.seq;
    }
    this.#apply(reply.deltas, this.#socket);
  }

  #apply(deltas: readonly Delta[], socket: Socket<ServerToClient, ClientToServer> | null): void {
    for (const d of deltas) {
      this.arrived.push(d.seq);
      if (this.lastSeq !== null && d.seq <= this.lastSeq) continue;
      // A gap: say hello again from the last one applied, as the dashboard does.
      if (this.lastSeq !== null && d.seq > this.lastSeq + 1) {
        if (socket) void this.#hello(socket, false).catch(() => {});
        return;
      }
      this.deltas.push(d);
      this.lastSeq = d.seq;
      for (const s of d.patch.suites ?? []) this.figures.set(s.id, { inCustody: s.inCustody, pendingChecks: s.pendingChecks });
    }
  }
}
