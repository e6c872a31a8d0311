import type { CaseView, NonAttendanceReason, NonAttendanceRegister } from '../../protocol/index.js';
import { londonDay } from '../../protocol/time.js';
import { blanksUnset, call } from './http.js';
import { lastWeek, rangeProblem } from './days.js';
import type { LiveStore } from './live.svelte.js';
import { Resource } from './resource.svelte.js';

type Counts = NonAttendanceRegister['counts'];

/** The register's filters as the form holds them: '' is "any". */
export interface RegisterFilters {
  from: string;
  to: string;
  region: string;
  suiteId: string;
  reason: NonAttendanceReason | '';
}

/**
 * The non-attendance register (recommendation 2) for the chosen filters. Read from the server,
 * then kept live: a release without attendance, or a corrected reason, arriving in a delta is
 * put in (or taken out of) the table, and the server's counts moved by the same row, without
 * asking again.
 */
export class RegisterStore {
  readonly filters: RegisterFilters = $state({ from: '', to: '', region: '', suiteId: '', reason: '' });
  /** The London day the default range was worked out from. */
  #today: string;
  readonly #resource = new Resource<NonAttendanceRegister>();
  readonly #live: LiveStore;

  /** Newest release first. */
  #rows = $derived(
    [...(this.#resource.data?.rows ?? [])].sort(
      (a, b) => (b.released?.at ?? 0) - (a.released?.at ?? 0) || a.custodyRef.localeCompare(b.custodyRef),
    ),
  );

  /** `today` is the London day by the server's clock; the default range is the last 7 days. */
  constructor(live: LiveStore, today: string) {
    this.#live = live;
    this.#today = today;
    Object.assign(this.filters, lastWeek(today));
  }

  get rows(): readonly CaseView[] {
    return this.#rows;
  }
  get counts(): Counts | null {
    return this.#resource.data?.counts ?? null;
  }
  get error(): string | null {
    return this.#resource.error;
  }
  get loading(): boolean {
    return this.#resource.loading;
  }
  /** The filters as one value: reading it makes an effect re-run when any of them changes. */
  get query(): RegisterFilters {
    return { ...this.filters };
  }

  /** Follows the live store until the returned function is called. */
  attach(): () => void {
    return this.#live.onCases((cases) => this.merge(cases));
  }

  async load(q: RegisterFilters): Promise<void> {
    const problem = rangeProblem(q.from, q.to);
    if (problem) return this.#resource.fail(problem);
    await this.#resource.load((signal) => call('GET /api/non-attendances', { query: blanksUnset(q), signal }));
    // A release that arrived live while the server was answering may be missing from (or older
    // in) the answer: lay what this screen already holds over it.
    this.merge([...this.#live.cases.values()].filter((c) => c.nonAttendance !== null));
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

  /** Takes in cases from the live store; only those the register is about change anything. */
  merge(cases: readonly CaseView[]): void {
    const report = this.#resource.data;
    if (!report) return;
    let rows: CaseView[] | null = null;
    let counts: Counts | null = null;
    for (const c of cases) {
      const index = (rows ?? report.rows).findIndex((r) => r.custodyRef === c.custodyRef);
      const old = index >= 0 ? (rows ?? report.rows)[index] : undefined;
      const belongs = this.#matches(c, report);
      if (!old && !belongs) continue;
      rows ??= [...report.rows];
      counts ??= structuredClone(report.counts);
      if (old) {
        tally(counts, old, -1);
        rows.splice(index, 1);
      }
      if (belongs) {
        tally(counts, c, 1);
        rows.push(c);
      }
    }
    if (rows && counts) this.#resource.set({ ...report, rows, counts });
  }

  #matches(c: CaseView, report: NonAttendanceRegister): boolean {
    if (!c.nonAttendance || !c.released) return false;
    const day = londonDay(c.released.at);
    const f = this.filters;
    return (
      day >= report.from &&
      day <= report.to &&
      (!f.region || c.region === f.region) &&
      (!f.suiteId || c.suiteId === f.suiteId) &&
      (!f.reason || c.nonAttendance.reason === f.reason)
    );
  }
}

/** Moves the server's counts by one row, the way the server counted it. */
function tally(counts: Counts, c: CaseView, by: 1 | -1): void {
  if (!c.nonAttendance || !c.released) return;
  const bump = (table: Record<string, number>, key: string) => {
    const next = (table[key] ?? 0) + by;
    if (next > 0) table[key] = next;
    else delete table[key];
  };
  counts.total += by;
  bump(counts.byReason, c.nonAttendance.reason);
  bump(counts.bySuite, c.suiteId);
  bump(counts.byDay, londonDay(c.released.at));
}
