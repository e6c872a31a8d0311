import type { Clock } from '../clock.js';

/**
 * Simulated time for the whole app when the simulator is on: it runs `speed` times faster than
 * the real clock from a start instant, so a demo can show a day in minutes. `jumpTo` moves it
 * while the simulator fills in time it missed; from there it runs on at `speed`.
 */
export class SimulationClock implements Clock {
  readonly #real: Clock;
  readonly #speed: number;
  #simAnchor: number;
  #realAnchor: number;

  constructor(real: Clock, speed = 1, start: number = real.now()) {
    if (!(speed > 0)) throw new Error(`SimulationClock: speed must be positive, got ${speed}`);
    this.#real = real;
    this.#speed = speed;
    this.#simAnchor = start;
    this.#realAnchor = real.now();
  }

  get speed(): number {
    return this.#speed;
  }

  /** Whole milliseconds, as every instant in the protocol is. */
  now(): number {
    return this.#simAnchor + Math.floor((this.#real.now() - this.#realAnchor) * this.#speed);
  }

  /** Simulated time is `at` from this real moment on (used by catch-up, before anyone watches). */
  jumpTo(at: number): void {
    this.#simAnchor = at;
    this.#realAnchor = this.#real.now();
  }
}
