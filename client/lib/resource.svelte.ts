import type { Ack } from '../../protocol/index.js';

/**
 * Something read over HTTP: the data, whether a read is under way, and what went wrong. A newer
 * load aborts the one in flight, so a slow answer to an old filter never overwrites a new one.
 */
export class Resource<T> {
  #data = $state.raw<T | null>(null);
  #error = $state<string | null>(null);
  #loading = $state(false);
  /** Local time of the last successful read: how old `data` is. */
  #loadedAt = $state<number | null>(null);
  #controller: AbortController | null = null;
  readonly #schedule: (apply: () => void) => void;

  /**
   * `schedule` applies an answer to the screen: at once, or with the next second's frame (the
   * update pump) for a list that is re-read in the background while live data flows.
   */
  constructor(schedule: (apply: () => void) => void = (apply) => apply()) {
    this.#schedule = schedule;
  }

  get data(): T | null {
    return this.#data;
  }
  get error(): string | null {
    return this.#error;
  }
  get loading(): boolean {
    return this.#loading;
  }
  /** Local (browser) time the data was last read successfully; null before the first. */
  get loadedAt(): number | null {
    return this.#loadedAt;
  }

  async load(read: (signal: AbortSignal) => Promise<Ack<T>>): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#loading = true;
    try {
      const reply = await read(controller.signal);
      if (controller.signal.aborted) return;
      const loadedAt = Date.now();
      this.#schedule(() => {
        // A newer load started meanwhile: that one reports.
        if (controller.signal.aborted) return;
        if (reply.ok) {
          this.#data = reply.data;
          this.#error = null;
          this.#loadedAt = loadedAt;
        } else this.#error = reply.error.message;
      });
    } catch {
      // aborted by a newer load: that one reports
      return;
    } finally {
      if (this.#controller === controller) this.#loading = false;
    }
  }

  /** Replaces the data in place, e.g. when a live delta changes one row. */
  set(data: T): void {
    this.#data = data;
  }

  /** A problem found before asking (e.g. "from" after "to"). */
  fail(message: string): void {
    this.#controller?.abort();
    this.#loading = false;
    this.#error = message;
  }

  cancel(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#loading = false;
  }
}

/** A list read from the server, as a screen shows it: the rows (none yet), loading, what went wrong. */
export class RemoteList<T> {
  protected readonly list = new Resource<T[]>();

  get items(): readonly T[] {
    return this.list.data ?? [];
  }
  get loaded(): boolean {
    return this.list.data !== null;
  }
  get loading(): boolean {
    return this.list.loading;
  }
  /** Why the list could not be read. */
  get error(): string | null {
    return this.list.error;
  }
}
