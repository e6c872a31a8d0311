import type { AuthStore } from '../../db/auth-store.js';
import type { EventStore } from '../../db/store.js';
import type { Clock } from '../clock.js';
import { messageOf, type Logger } from '../log.js';
import { runRetention } from './run-retention.js';

const DAY_MS = 86_400_000;

export interface RetentionJobOptions {
  store: EventStore;
  auth: AuthStore;
  /** The real clock (never the simulator's): retention is about real time. */
  clock: Clock;
  retentionDays: number;
  log: Logger;
  /** The first run this long after the node starts leading (not in the middle of its start). */
  firstAfterMs?: number;
  everyMs?: number;
}

/**
 * Retention as a job only the leader runs (like the simulator): once soon after it starts leading,
 * then daily. A failed run is logged and tried again at the next; it changes nothing (one
 * transaction). An operator can also run it at once: `npm run retention`.
 */
export class RetentionJob {
  readonly #options: RetentionJobOptions;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(options: RetentionJobOptions) {
    this.#options = options;
  }

  begin(): void {
    if (this.#timer) return;
    this.#schedule(this.#options.firstAfterMs ?? 60_000);
  }

  async end(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #schedule(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#running = this.#run().finally(() => {
        this.#running = null;
        if (this.#timer) this.#schedule(this.#options.everyMs ?? DAY_MS);
      });
    }, ms);
    this.#timer.unref();
  }

  async #run(): Promise<void> {
    const { store, auth, clock, retentionDays, log } = this.#options;
    try {
      const run = await runRetention({ store, auth, now: clock.now(), retentionDays, actor: 'system:retention' });
      log.info('retention.ran', { cutoffDay: run.cutoffDay, cases: run.counts.cases, events: run.counts.events });
    } catch (error) {
      log.error('retention.failed', { message: messageOf(error) });
    }
  }
}
