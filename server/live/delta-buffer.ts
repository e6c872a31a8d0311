import type { Delta } from '../../protocol/index.js';

/**
 * The most recent deltas, so a reconnecting client gets exactly what it missed from memory.
 * A client further behind than the buffer reaches gets a fresh snapshot instead.
 */
export class DeltaBuffer {
  readonly #capacity: number;
  #items: Delta[] = [];

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  push(deltas: readonly Delta[]): void {
    this.#items.push(...deltas);
    const excess = this.#items.length - this.#capacity;
    if (excess > 0) this.#items.splice(0, excess);
  }

  /** Every delta after `seq` up to `lastSeq`, or null if some of them are no longer held. */
  after(seq: number, lastSeq: number): Delta[] | null {
    if (seq === lastSeq) return [];
    const first = this.#items[0];
    if (!first || first.seq > seq + 1) return null;
    const start = seq + 1 - first.seq;
    const slice = this.#items.slice(start);
    return slice.length === lastSeq - seq ? slice : null;
  }
}
