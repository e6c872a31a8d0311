import type { ForumView } from '../../protocol/index.js';
import { call } from './http.js';
import { Resource } from './resource.svelte.js';

/**
 * The monthly forum page: which month the reader chose, and the server's comparison of it with
 * the month before and the same month a year earlier. Read again only when the month changes.
 */
export class ForumStore {
  month = $state('');
  readonly #forum = new Resource<ForumView>();

  constructor(today: string) {
    this.month = today.slice(0, 7);
  }

  get forum(): ForumView | null {
    return this.#forum.error ? null : this.#forum.data;
  }
  get loading(): boolean {
    return this.#forum.loading;
  }
  get error(): string | null {
    return this.#forum.error;
  }

  load(month: string): void {
    void this.#forum.load((signal) => call('GET /api/reports/forum', { query: { month, format: 'json' }, signal }));
  }

  cancel(): void {
    this.#forum.cancel();
  }
}
