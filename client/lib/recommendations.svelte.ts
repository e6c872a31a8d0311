import type { Recommendation } from '../../protocol/index.js';
import type { Connection } from './connection.svelte.js';
import { call } from './http.js';
import { Refresher } from './refresher.js';
import { Resource } from './resource.svelte.js';
import type { Toasts } from './toast.svelte.js';
import type { UpdatePump } from './update-pump.js';

const EVERY_MS = 30_000;
/** After a delta, at most one re-read per 5 s: positions alone arrive every few seconds. */
const MIN_GAP_MS = 5_000;

/**
 * The server's recommended officer moves (GET /api/recommendations), shared by the meeting page
 * and the map's sidebar: one list and one poll however many places show it. The advice is the
 * server's; this only reads it, and accepts one, which the server records as a normal move.
 */
export class RecommendationsStore {
  readonly #resource: Resource<Recommendation[]>;
  readonly #refresher = new Refresher(() => void this.#resource.load((signal) => call('GET /api/recommendations', { signal })), {
    everyMs: EVERY_MS,
    minGapMs: MIN_GAP_MS,
  });
  readonly #connection: Connection;
  readonly #toasts: Toasts;
  #watchers = 0;
  /** The recommendation being accepted, and what went wrong with the last attempt, by id. */
  #sending = $state<string | null>(null);
  #errors = $state<Record<string, string>>({});

  /** A re-read list lands with the next second's frame (`pump`), with the live data beside it. */
  constructor(connection: Connection, toasts: Toasts, pump: UpdatePump) {
    this.#resource = new Resource((apply) => pump.queue(apply));
    this.#connection = connection;
    this.#toasts = toasts;
  }

  get list(): readonly Recommendation[] {
    return this.#resource.data ?? [];
  }
  get loaded(): boolean {
    return this.#resource.data !== null;
  }
  get error(): string | null {
    return this.#resource.error;
  }
  get loadedAt(): number | null {
    return this.#resource.loadedAt;
  }
  get sending(): string | null {
    return this.#sending;
  }
  errorFor(id: string): string | null {
    return this.#errors[id] ?? null;
  }
  /** Advice read from stale data may be wrong by now: it is not accepted until the data is live. */
  get canAccept(): boolean {
    return this.#connection.state !== 'stale';
  }

  /** A view showing the list starts watching; polling runs while anyone watches. Returns the stop. */
  watch(): () => void {
    if (this.#watchers++ === 0) this.#refresher.start();
    return () => {
      if (--this.#watchers === 0) {
        this.#refresher.stop();
        this.#resource.cancel();
      }
    };
  }

  /** Live data changed: the advice may have too. */
  nudge(): void {
    this.#refresher.nudge();
  }

  /** Sends "accept" for one recommendation; on success says so and re-reads the list. */
  async accept(rec: Recommendation): Promise<void> {
    if (this.#sending !== null || !this.canAccept) return;
    this.#sending = rec.id;
    const errors = { ...this.#errors };
    delete errors[rec.id];
    this.#errors = errors;
    const reply = await this.#connection.send('recommendation:accept', { officerId: rec.officerId, suiteId: rec.toSuiteId });
    this.#sending = null;
    if (!reply.ok) {
      this.#errors = { ...this.#errors, [rec.id]: reply.error.message };
      return;
    }
    this.#toasts.show('Move recorded');
    this.#refresher.now();
  }

  stop(): void {
    this.#refresher.stop();
    this.#resource.cancel();
  }
}
