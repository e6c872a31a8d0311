import type { FootfallReview, ProgressLine } from '../../protocol/index.js';
import { daysBefore, rangeProblem } from './days.js';
import { callWithProgress } from './http.js';
import { Resource } from './resource.svelte.js';
import { mismatch, reviewChoices, weeksIn, type ReviewSeries } from './review.js';

/** The server's default period: the last 28 London days, today included. */
const DEFAULT_DAYS = 28;

/**
 * The footfall review page (inspection recommendation 2.2): a period, the server's demand and
 * officer-hours per hour of the week for it, and which suite or region total is on the heat map.
 */
export class ReviewStore {
  readonly filters: { from: string; to: string } = $state({ from: '', to: '' });
  /** The chosen series' key; '' means "the first choice" (the busiest suite). */
  #choice = $state('');
  readonly #resource = new Resource<FootfallReview>();
  #progress = $state.raw<ProgressLine | null>(null);
  #read: object = {};

  readonly #choices = $derived.by(() => {
    const review = this.#resource.data;
    return review ? reviewChoices(review) : { totals: [], suites: [] };
  });
  readonly #series = $derived.by((): ReviewSeries | null => {
    const { totals, suites } = this.#choices;
    const all = [...suites, ...totals];
    return all.find((s) => s.key === this.#choice) ?? suites[0] ?? totals[0] ?? null;
  });
  readonly #mismatch = $derived(this.#series ? mismatch(this.#series) : []);

  constructor(today: string) {
    this.filters.from = daysBefore(today, DEFAULT_DAYS - 1);
    this.filters.to = today;
  }

  get review(): FootfallReview | null {
    return this.#resource.data;
  }
  get choices(): { totals: readonly ReviewSeries[]; suites: readonly ReviewSeries[] } {
    return this.#choices;
  }
  /** What the heat map shows; null before the first answer or with no suites in view. */
  get series(): ReviewSeries | null {
    return this.#series;
  }
  get choice(): string {
    return this.#series?.key ?? '';
  }
  set choice(key: string) {
    this.#choice = key;
  }
  /** -1…1 per hour of the week (see `mismatch`), for the chosen series. */
  get mismatch(): readonly (number | null)[] {
    return this.#mismatch;
  }
  /** Weeks in the period the answer covers, to turn totals into "per week". */
  get weeks(): number {
    const review = this.#resource.data;
    return review ? weeksIn(review.from, review.to) : 1;
  }
  get error(): string | null {
    return this.#resource.error;
  }
  get loading(): boolean {
    return this.#resource.loading;
  }
  /** How far the server has read the log for a long period; null when nothing is being read. */
  get progress(): ProgressLine | null {
    return this.#progress;
  }

  load(q: { from: string; to: string }): void {
    const problem = rangeProblem(q.from, q.to);
    if (problem) return this.#resource.fail(problem);
    // Only the latest read's progress shows: an older one, aborted, may still be settling.
    const read = (this.#read = {});
    const mine = () => this.#read === read;
    this.#progress = null;
    void this.#resource
      .load((signal) => callWithProgress('GET /api/footfall-review', { query: { from: q.from, to: q.to }, signal }, (line) => mine() && (this.#progress = line)))
      .finally(() => mine() && (this.#progress = null));
  }
  cancel(): void {
    this.#resource.cancel();
  }
}
