import type { SuiteForecast } from '../../protocol/index.js';
import { call } from './http.js';
import { Refresher } from './refresher.js';
import { Resource } from './resource.svelte.js';

const EVERY_MS = 5 * 60_000;

/** One suite's forecast (GET /api/forecast/:suiteId), read when its panel opens and every 5 min. */
export class ForecastStore {
  readonly #resource = new Resource<SuiteForecast>();
  readonly #refresher: Refresher;

  constructor(suiteId: string) {
    this.#refresher = new Refresher(() => void this.#resource.load((signal) => call('GET /api/forecast/:suiteId', { params: { suiteId }, signal })), {
      everyMs: EVERY_MS,
      minGapMs: EVERY_MS,
    });
  }

  get forecast(): SuiteForecast | null {
    return this.#resource.data;
  }
  get error(): string | null {
    return this.#resource.error;
  }

  start(): void {
    this.#refresher.start();
  }
  stop(): void {
    this.#refresher.stop();
    this.#resource.cancel();
  }
}
