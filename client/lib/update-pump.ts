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

/** How often the screen is brought up to date. */
export const PUMP_EVERY_MS = 1000;
/** How far into a second a run aims to land, so a frame a little early still shows the new second. */
const PAST_THE_SECOND_MS = 20;
/** How long to wait for an animation frame before running anyway. */
export const PUMP_FRAME_FALLBACK_MS = 100;
/** How long after a command its results are shown at once rather than with the next second. */
export const PUMP_HURRY_MS = 3000;

export class UpdatePump {
  readonly #tick: () => void;
  readonly #now: () => number;
  #jobs: (() => void)[] = [];
  #running = false;
  /** The timer to the next second's run, the frame asked for, and the timer standing in for it. */
  #timer?: ReturnType<typeof setTimeout>;
  #frame?: number;
  #fallback?: ReturnType<typeof setTimeout>;
  #hurryUntil = 0;

  /**
   * `tick` runs first in every run: the clock moves on with the data it is shown beside. Runs land
   * just after each second of `now` begins, so the clock on screen (this one plus a fixed offset
   * to the server's) does not skip a second now and then, as a one-second timer drifting late would.
   */
  constructor(tick: () => void, now: () => number = Date.now) {
    this.#tick = tick;
    this.#now = now;
  }

  /** Until just after the next second of the time shown begins. */
  #untilNextSecond(): number {
    return PUMP_EVERY_MS - (this.#now() % PUMP_EVERY_MS) + PAST_THE_SECOND_MS;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#timer = setTimeout(() => this.#askFrame(), this.#untilNextSecond());
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
    if (Date.now() < this.#hurryUntil) this.#askFrame();
  }

  /** This person just did something: show what comes of it at the next frame for a few seconds. */
  hurry(): void {
    this.#hurryUntil = Date.now() + PUMP_HURRY_MS;
    if (this.#jobs.length > 0) this.#askFrame();
  }

  #askFrame(): void {
    if (this.#frame !== undefined || !this.#running) return;
    this.#frame = requestAnimationFrame(() => this.#run());
    this.#fallback = setTimeout(() => this.#run(), PUMP_FRAME_FALLBACK_MS);
  }

  #cancel(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#fallback);
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
  }

  #run(): void {
    if (!this.#running) return;
    this.#cancel();
    const jobs = [this.#tick, ...this.#jobs];
    this.#jobs = [];
    this.#timer = setTimeout(() => this.#askFrame(), this.#untilNextSecond());
    // One broken message must not hold back the rest; the first failure is still reported.
    let failed = false;
    let failure: unknown;
    for (const job of jobs) {
      try {
        job();
      } catch (error) {
        if (!failed) [failed, failure] = [true, error];
      }
    }
    if (failed) throw failure;
  }
}
