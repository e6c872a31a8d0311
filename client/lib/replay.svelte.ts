import type { ProgressLine, Snapshot } from '../../protocol/index.js';
import { londonDay, previousDay } from '../../protocol/time.js';
import { daysBefore, londonInstant } from './days.js';
import { callWithProgress } from './http.js';

/** Replay speeds: minutes of the past shown per second of watching. */
export const SPEEDS = [
  { minutes: 1, label: '1 min per second' },
  { minutes: 10, label: '10 min per second' },
  { minutes: 60, label: '1 h per second' },
] as const;
/** How often playing steps the time: twice a second, so 1 min/s moves in 30 s steps. */
const TICK_MS = 500;
/** The time replays start at, and the quick buttons' time of day. */
export const REPLAY_TIME = '16:00';

/** "Yesterday 16:00" (London), the default moment to look back at. */
export function defaultReplayAt(now: number): number {
  return londonInstant(previousDay(londonDay(now)), REPLAY_TIME);
}

/** 16:00 on each of the last 7 London days that has reached it, oldest first. */
export function quickTimes(now: number): number[] {
  const today = londonDay(now);
  const days = Array.from({ length: 8 }, (_, i) => daysBefore(today, 7 - i));
  return days.map((d) => londonInstant(d, REPLAY_TIME)).filter((at) => at <= now).slice(-7);
}

/**
 * The picture at one past instant (GET /api/replay), and playing it forward. `at` is the time
 * asked for; `shownAt` the time of the snapshot on screen. At most one request is in flight:
 * while one runs, the time keeps moving and the next request asks for wherever it has got to,
 * so on a slow server steps are skipped rather than queued.
 */
export class ReplayStore {
  #at = $state(Number.NaN);
  #snapshot = $state.raw<Snapshot | null>(null);
  #shownAt = $state<number | null>(null);
  #error = $state<string | null>(null);
  #playing = $state(false);
  #speed = $state<number>(SPEEDS[0].minutes);
  #inFlight = $state(false);
  /** How far the server has got rebuilding the picture (it reads the whole log); null when idle. */
  #progress = $state.raw<ProgressLine | null>(null);
  /** Playing ran into the present: there is nothing later to replay. */
  #caughtUp = $state(false);
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  readonly #now: () => number;

  /** `now`: the server's clock, so playing stops at the present (there is nothing later to replay). */
  constructor(now: () => number) {
    this.#now = now;
  }

  get at(): number {
    return this.#at;
  }
  get snapshot(): Snapshot | null {
    return this.#snapshot;
  }
  get shownAt(): number | null {
    return this.#shownAt;
  }
  get error(): string | null {
    return this.#error;
  }
  get playing(): boolean {
    return this.#playing;
  }
  get loading(): boolean {
    return this.#inFlight;
  }
  get progress(): ProgressLine | null {
    return this.#progress;
  }
  /** True once playing has reached the present (until another time is shown or played). */
  get caughtUp(): boolean {
    return this.#caughtUp;
  }
  get speed(): number {
    return this.#speed;
  }
  set speed(minutes: number) {
    this.#speed = minutes;
  }

  /** Shows another instant (a picked date and time, a quick button); stops playing. */
  show(at: number): void {
    this.pause();
    this.#caughtUp = false;
    if (Number.isNaN(at)) {
      this.#error = 'Choose a date and a time (24 h, e.g. 16:00).';
      return;
    }
    if (at > this.#now()) {
      this.#error = 'That time has not happened yet: choose one in the past.';
      return;
    }
    this.#at = at;
    this.#fetch();
  }

  play(): void {
    if (this.#playing || Number.isNaN(this.#at) || this.#at >= this.#now()) return;
    this.#playing = true;
    this.#caughtUp = false;
    this.#timer = setInterval(() => this.#step(), TICK_MS);
  }

  pause(): void {
    this.#playing = false;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Leaving the page: stop the clock and drop any request. */
  stop(): void {
    this.pause();
    this.#controller?.abort();
    this.#controller = null;
    this.#inFlight = false;
    this.#progress = null;
  }

  #step(): void {
    const next = this.#at + (this.#speed * 60_000 * TICK_MS) / 1000;
    const now = this.#now();
    this.#at = Math.min(next, now);
    if (next >= now) {
      this.pause();
      this.#caughtUp = true;
    }
    this.#fetch();
  }

  /** Asks for `at` unless a request is running; that one asks again for the latest time when done. */
  #fetch(): void {
    if (this.#inFlight) return;
    const at = this.#at;
    const controller = new AbortController();
    this.#controller = controller;
    this.#inFlight = true;
    callWithProgress('GET /api/replay', { query: { at }, signal: controller.signal }, (line) => {
      if (!controller.signal.aborted) this.#progress = line;
    })
      .then((reply) => {
        if (controller.signal.aborted) return;
        if (reply.ok) {
          this.#snapshot = reply.data;
          this.#shownAt = at;
          this.#error = null;
        } else {
          this.#error = reply.error.message;
          this.pause();
        }
      })
      .catch(() => undefined) // aborted on leaving the page
      .finally(() => {
        if (this.#controller !== controller) return;
        this.#controller = null;
        this.#inFlight = false;
        this.#progress = null;
        if (!controller.signal.aborted && this.#at !== at) this.#fetch();
      });
  }
}
