import type { Histogram } from 'prom-client';
import type { Delta } from '../../protocol/index.js';
import { ScopedBroadcast } from '../transport/scoped-broadcast.js';

/** The live broadcast, timing how long each batch's deltas take to reach every scope's room. */
export class MeasuredBroadcast extends ScopedBroadcast {
  readonly #seconds: Histogram;

  constructor(seconds: Histogram, ...base: ConstructorParameters<typeof ScopedBroadcast>) {
    super(...base);
    this.#seconds = seconds;
  }

  override deltas(deltas: readonly Delta[]): void {
    const end = this.#seconds.startTimer();
    super.deltas(deltas);
    end();
  }
}
