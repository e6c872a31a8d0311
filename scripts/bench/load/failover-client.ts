import type WebSocket from 'ws';
import type { HelloReply } from '../../../protocol/index.js';
import { nowMs } from '../time.js';
import { helloFrame, openLight } from './light-client.js';
import type { FailoverSeen } from './protocol.js';

/** A delta's head as the server writes it (seq, at, type first): patches never start that way. */
const DELTA_HEAD = /\{"seq":(\d+),"at":-?\d+,"type":"/g;

/**
 * A light client (light-client.ts) that knows every seq it receives, for the failover measure:
 * when its node goes away it connects to the next node at once, as a load balancer would send it,
 * and says hello with the last seq it holds. It notes when that hello was answered with no gap,
 * and counts gaps (it then says hello again, as the dashboard does) and deltas received twice.
 * It reads seqs from the frame's text instead of decoding it, so one process holds a thousand.
 */
export class FailoverLightClient {
  readonly seen: FailoverSeen;
  #node: number;
  #ws: WebSocket | null = null;
  #closed = false;
  #acks = 0;

  constructor(
    readonly urls: readonly string[],
    readonly cookie: string,
    node: number,
    lastSeq: number,
  ) {
    this.seen = { startNode: node, lostAt: null, resyncedAt: null, lastSeq, gaps: 0, doubles: 0, snapshots: 0, refused: 0 };
    this.#node = node;
  }

  start(): Promise<void> {
    return this.#open();
  }

  close(): void {
    this.#closed = true;
    this.#ws?.terminate();
  }

  async #open(): Promise<void> {
    const ws = await openLight(this.urls[this.#node]!, this.cookie, this.seen.lastSeq, {
      onDeltas: (frame, socket) => this.#live(frame, socket),
      onReply: (frame, socket) => this.#reply(frame, socket),
    });
    this.#ws = ws;
    ws.on('close', () => this.#lost());
  }

  #lost(): void {
    if (this.#closed) return;
    this.seen.lostAt ??= nowMs();
    this.#node = (this.#node + 1) % this.urls.length;
    const again = (): void => {
      if (this.#closed) return;
      // The next node may be refusing for a moment: try again shortly (a dashboard would not, after a refused handshake).
      this.#open().catch((error: unknown) => {
        if (String(error).includes('namespace refused')) this.seen.refused++;
        setTimeout(again, 100);
      });
    };
    again();
  }

  #reply(frame: Buffer, ws: WebSocket): void {
    const text = frame.toString('utf8');
    const [reply] = JSON.parse(text.slice(text.indexOf('['))) as [{ ok: true; data: HelloReply }];
    if (reply.data.mode === 'snapshot') {
      this.seen.snapshots++;
      this.seen.lastSeq = reply.data.packed.seq;
    }
    const clean = this.#apply(reply.data.deltas.map((d) => d.seq), ws);
    if (clean && this.seen.lostAt !== null && this.seen.resyncedAt === null) this.seen.resyncedAt = nowMs();
  }

  #live(frame: Buffer, ws: WebSocket): void {
    const seqs: number[] = [];
    const text = frame.toString('latin1');
    DELTA_HEAD.lastIndex = 0;
    for (let m = DELTA_HEAD.exec(text); m; m = DELTA_HEAD.exec(text)) seqs.push(Number(m[1]));
    this.#apply(seqs, ws);
  }

  /** Applies seqs in order; false at a gap, after asking for what is missing. */
  #apply(seqs: readonly number[], ws: WebSocket): boolean {
    for (const seq of seqs) {
      if (seq <= this.seen.lastSeq) this.seen.doubles++;
      else if (seq > this.seen.lastSeq + 1) {
        this.seen.gaps++;
        ws.send(helloFrame(this.seen.lastSeq, ++this.#acks));
        return false;
      } else this.seen.lastSeq = seq;
    }
    return true;
  }
}
