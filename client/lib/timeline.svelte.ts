import type { TimelineEntry } from '../../protocol/index.js';
import { call } from './http.js';
import { Resource } from './resource.svelte.js';

/** One case's ERF timeline, in time order (then log order), read from the event log. */
export class TimelineStore {
  readonly #resource = new Resource<TimelineEntry[]>();
  #entries = $derived([...(this.#resource.data ?? [])].sort((a, b) => a.at - b.at || a.seq - b.seq));

  get entries(): readonly TimelineEntry[] {
    return this.#entries;
  }
  get error(): string | null {
    return this.#resource.error;
  }
  get loading(): boolean {
    return this.#resource.loading;
  }
  get loaded(): boolean {
    return this.#resource.data !== null;
  }

  load(custodyRef: string): void {
    void this.#resource.load((signal) => call('GET /api/cases/:custodyRef/timeline', { params: { custodyRef }, signal }));
  }

  cancel(): void {
    this.#resource.cancel();
  }
}
