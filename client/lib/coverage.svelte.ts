import type { CoverageFigures, CoverageReport } from '../../protocol/index.js';
import { blanksUnset, call } from './http.js';
import { lastWeek, rangeProblem } from './days.js';
import { Resource } from './resource.svelte.js';

/** The report's choices as the form holds them ('' days: the server's default). */
export interface CoverageFilters {
  from: string;
  to: string;
  groupBy: CoverageReport['groupBy'];
}

export type CoverageColumn = 'name' | keyof CoverageFigures;
export type CoverageRow = CoverageReport['rows'][number] & { name: string };

/**
 * The coverage report (recommendation 1) as the server counted it, grouped by suite or region,
 * sorted by whichever column the reader chose. Sorting is the only thing done here.
 */
export class CoverageStore {
  readonly filters: CoverageFilters = $state({ from: '', to: '', groupBy: 'suite' });
  #sort = $state<{ column: CoverageColumn; descending: boolean }>({ column: 'coveragePct', descending: false });
  /** The London day the default range was worked out from. */
  #today: string;
  readonly #resource = new Resource<CoverageReport>();
  readonly #nameOf: (key: string, groupBy: CoverageReport['groupBy']) => string;

  #rows = $derived.by((): CoverageRow[] => {
    const report = this.#resource.data;
    if (!report) return [];
    const { column, descending } = this.#sort;
    const rows = report.rows.map((r) => ({ ...r, name: this.#nameOf(r.key, report.groupBy) }));
    const value = (r: CoverageRow) => (column === 'name' ? r.name : r.figures[column]);
    return rows.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      // Rows with nothing to show (no arrivals, nobody checked) go last either way.
      if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, 'en-GB') : x === null ? 1 : -1;
      const order = typeof x === 'string' ? x.localeCompare(String(y), 'en-GB') : x - Number(y);
      return (descending ? -order : order) || a.name.localeCompare(b.name, 'en-GB');
    });
  });

  constructor(today: string, nameOf: (key: string, groupBy: CoverageReport['groupBy']) => string) {
    this.#today = today;
    Object.assign(this.filters, lastWeek(today));
    this.#nameOf = nameOf;
  }

  get report(): CoverageReport | null {
    return this.#resource.data;
  }
  get rows(): readonly CoverageRow[] {
    return this.#rows;
  }
  get sort(): { column: CoverageColumn; descending: boolean } {
    return this.#sort;
  }
  get error(): string | null {
    return this.#resource.error;
  }
  get loading(): boolean {
    return this.#resource.loading;
  }
  get query(): CoverageFilters {
    return { ...this.filters };
  }

  /** The same column again reverses the order; a new column starts with its natural order. */
  sortBy(column: CoverageColumn): void {
    const descending = this.#sort.column === column ? !this.#sort.descending : column !== 'name' && column !== 'coveragePct';
    this.#sort = { column, descending };
  }

  load(q: CoverageFilters): void {
    const problem = rangeProblem(q.from, q.to);
    if (problem) return this.#resource.fail(problem);
    void this.#resource.load((signal) => call('GET /api/coverage', { query: blanksUnset(q), signal }));
  }

  /** At London midnight the default "last 7 days" moves on, unless the reader chose dates. */
  followToday(today: string): void {
    const was = lastWeek(this.#today);
    if (this.filters.from === was.from && this.filters.to === was.to) Object.assign(this.filters, lastWeek(today));
    this.#today = today;
  }

  cancel(): void {
    this.#resource.cancel();
  }
}
