/**
 * Re-reads something over HTTP on a timer and when told that live data changed, but never more
 * often than `minGapMs`: a burst of deltas (a position tick every few seconds) becomes at most
 * one request per gap, made at the end of the gap so it sees the latest state.
 */
export class Refresher {
  readonly #load: () => void;
  readonly #everyMs: number;
  readonly #minGapMs: number;
  #interval: ReturnType<typeof setInterval> | null = null;
  #pending: ReturnType<typeof setTimeout> | null = null;
  #lastAt = 0;

  constructor(load: () => void, options: { everyMs: number; minGapMs: number }) {
    this.#load = load;
    this.#everyMs = options.everyMs;
    this.#minGapMs = options.minGapMs;
  }

  /** Loads now and then every `everyMs` until stopped. */
  start(): void {
    this.stop();
    this.#run();
    this.#interval = setInterval(() => this.#run(), this.#everyMs);
  }

  /** Something changed: load soon, but not sooner than `minGapMs` after the last load. */
  nudge(): void {
    if (this.#interval === null || this.#pending !== null) return;
    const wait = Math.max(0, this.#lastAt + this.#minGapMs - Date.now());
    this.#pending = setTimeout(() => this.#run(), wait);
  }

  /** Loads now (e.g. the reader changed a filter), and restarts the timer from here. */
  now(): void {
    if (this.#interval !== null) this.start();
  }

  stop(): void {
    if (this.#interval !== null) clearInterval(this.#interval);
    if (this.#pending !== null) clearTimeout(this.#pending);
    this.#interval = null;
    this.#pending = null;
  }

  #run(): void {
    if (this.#pending !== null) clearTimeout(this.#pending);
    this.#pending = null;
    this.#lastAt = Date.now();
    this.#load();
  }
}
