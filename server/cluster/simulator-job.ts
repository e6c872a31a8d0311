import { londonDay, londonMidnight, previousDay } from '../../protocol/index.js';
import type { Clock } from '../clock.js';
import { messageOf, type Logger } from '../log.js';
import type { SimulatorPort } from '../simulator/port.js';
import { createSimulatorRunner } from '../simulator/runner.js';
import type { SimulationClock } from '../simulator/simulation-clock.js';

/** The most a simulator taking over replays of the time nobody ran it. */
const MAX_CATCH_UP_MS = 48 * 3_600_000;

export interface SimulatorJobOptions {
  port: SimulatorPort & { readonly lastFeedFactAt: number | null };
  clock: SimulationClock;
  realClock: Clock;
  seed: number;
  autoDispatch: boolean;
  log: Logger;
}

/**
 * The built-in simulator as a job only the leader runs. Beginning fills in the time since the
 * latest fact (a new database: yesterday and today so far), then plays live; ending stops it.
 * When another node takes over it begins again from the log's latest fact, so the feeds go on
 * where the old leader stopped.
 */
export class SimulatorJob {
  readonly #options: SimulatorJobOptions;
  #runner: ReturnType<typeof createSimulatorRunner> | null = null;
  #beginning: Promise<void> | null = null;

  constructor(options: SimulatorJobOptions) {
    this.#options = options;
  }

  /** Resolves when the catch-up is done and the simulator plays live (at once if already running). */
  begin(): Promise<void> {
    this.#beginning ??= this.#begin().catch((error: unknown) => {
      this.#options.log.error('simulator.begin_failed', { message: messageOf(error) });
      this.#beginning = null;
    });
    return this.#beginning;
  }

  async end(): Promise<void> {
    const beginning = this.#beginning;
    this.#beginning = null;
    await beginning;
    const runner = this.#runner;
    this.#runner = null;
    await runner?.stop();
  }

  /** Waits for a beginning in progress, if any (a node that is not leader has none). */
  async settled(): Promise<void> {
    await this.#beginning;
  }

  async #begin(): Promise<void> {
    const { port, clock, realClock, seed, autoDispatch, log } = this.#options;
    const runner = createSimulatorRunner({ port, clock, seed, autoDispatch, log });
    this.#runner = runner;
    const lastFactAt = port.lastFeedFactAt;
    // Never run time backwards: a fast simulator may have got ahead of the real clock.
    const to = Math.max(realClock.now(), lastFactAt ?? 0);
    // A new database starts with yesterday too, so cells, queues and comparisons are not empty.
    const from = lastFactAt ?? londonMidnight(previousDay(londonDay(to)));
    await runner.catchUp(Math.max(from, to - MAX_CATCH_UP_MS), to);
    if (this.#runner === runner) runner.start();
    log.info('simulator.started', { seed, caughtUpFrom: new Date(Math.max(from, to - MAX_CATCH_UP_MS)).toISOString() });
  }
}
