/**
 * The screen's heartbeat: what the socket brings (deltas, derived views, heartbeats) is queued
 * here and applied once a second, together with the clock's tick, in one animation frame. Each
 * of those used to change the page on its own, at its own moment of the second, and every change
 * cost a frame (style, layout, paint, commit): about four a second at national scale, where one
 * says the same. The data waits at most a second, as the clock on screen does; just after this
 * person sent a command, whatever it brings is shown at the next frame instead (`hurry`).
 *
 * A hidden or unfocused screen (a wall PC behind another window) may get no animation frames at
 * all: a timer runs the same work if the frame has not come by then.
 */
export interface PumpTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  requestAnimationFrame(run: () => void): unknown;
  cancelAnimationFrame(handle: unknown): void;
}

const browserTimers: PumpTimers = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  requestAnimationFrame: (run) => requestAnimationFrame(run),
  cancelAnimationFrame: (h) => cancelAnimationFrame(h as number),
};

/** How often the screen is brought up to date. */
export const PUMP_EVERY_MS = 1000;
/** How long to wait for an animation frame before running anyway. */
export const PUMP_FRAME_FALLBACK_MS = 100;
/** How long after a command its results are shown at once rather than with the next second. */
export const PUMP_HURRY_MS = 3000;

export class UpdatePump {
  readonly #tick: () => void;
  readonly #t: PumpTimers;
  #jobs: (() => void)[] = [];
  #running = false;
  /** The timer to the next second's run (or to a hurried frame), and the frame asked for. */
  #timer: unknown = null;
  #frame: unknown = null;
  #fallback: unknown = null;
  #hurryUntil = -Infinity;

  /** `tick` runs first in every run: the clock moves on with the data it is shown beside. */
  constructor(tick: () => void, timers: PumpTimers = browserTimers) {
    this.#tick = tick;
    this.#t = timers;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#arm(PUMP_EVERY_MS);
  }

  stop(): void {
    this.#running = false;
    this.#jobs = [];
    this.#cancel();
  }

  /** Queues work for the next run, in arrival order. Before `start` or after `stop` it runs at once. */
  queue(job: () => void): void {
    if (!this.#running) return job();
    this.#jobs.push(job);
    if (this.#t.now() < this.#hurryUntil) this.#askFrame();
  }

  /** This person just did something: show what comes of it at the next frame for a few seconds. */
  hurry(): void {
    this.#hurryUntil = this.#t.now() + PUMP_HURRY_MS;
    if (this.#jobs.length > 0) this.#askFrame();
  }

  #arm(ms: number): void {
    this.#timer = this.#t.setTimeout(() => {
      this.#timer = null;
      this.#askFrame();
    }, ms);
  }

  #askFrame(): void {
    if (this.#frame !== null || !this.#running) return;
    this.#frame = this.#t.requestAnimationFrame(() => this.#run());
    this.#fallback = this.#t.setTimeout(() => this.#run(), PUMP_FRAME_FALLBACK_MS);
  }

  #cancel(): void {
    if (this.#timer !== null) this.#t.clearTimeout(this.#timer);
    if (this.#frame !== null) this.#t.cancelAnimationFrame(this.#frame);
    if (this.#fallback !== null) this.#t.clearTimeout(this.#fallback);
    this.#timer = this.#frame = this.#fallback = null;
  }

  #run(): void {
    if (!this.#running) return;
    this.#cancel();
    const jobs = this.#jobs;
    this.#jobs = [];
    // The next second counts from this run, so the screen changes once a second, not twice.
    this.#arm(PUMP_EVERY_MS);
    let failure: unknown = null;
    for (const job of [this.#tick, ...jobs]) {
      try {
        job();
      } catch (error) {
        failure ??= error;
      }
    }
    // One broken message must not hold back the rest; it is still reported.
    if (failure !== null) throw failure;
  }
}
