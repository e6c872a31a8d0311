/**
 * Reading the performance pack as the server sent it: regions with their suites, and the one line
 * the client adds, the national total (sums of the region rows).
 */
import { CASE_OUTCOMES, NON_ATTENDANCE_REASON_LABEL, NON_ATTENDANCE_REASONS } from '../../protocol/constants.js';
import type { OutcomeCounts, PackRow, PerformancePack } from '../../protocol/index.js';
import { OUTCOME_COLUMN_LABEL } from './labels.js';

/** The pack's columns after the name, in order: the region, suite and national tables share them. */
export const PACK_COLUMNS = [
  'FN arrivals',
  'Checked',
  'Coverage',
  'Median time to check',
  // Soft hyphens: a narrow column breaks the long word where a reader expects it.
  'Non-attend\u00adances',
  'Non-attendance reasons',
  'ETD applied / required',
  'ETD %',
  'High Harm cases',
  // The casework feed's outcomes, in CASE_OUTCOMES order.
  ...CASE_OUTCOMES.map((o) => OUTCOME_COLUMN_LABEL[o]),
];

export interface PackRegion {
  /** The region's own row: its totals, as the server counted them. */
  total: PackRow;
  suites: PackRow[];
}

/** The server lists each region row followed by its suites; kept in that order. */
export function regionsOf(pack: PerformancePack): PackRegion[] {
  const regions: PackRegion[] = [];
  const byName = new Map<string, PackRegion>();
  for (const row of pack.rows) {
    if (row.level === 'region') {
      const region: PackRegion = { total: row, suites: [] };
      regions.push(region);
      byName.set(row.region, region);
    } else byName.get(row.region)?.suites.push(row);
  }
  return regions;
}

export interface NationalTotal {
  arrivals: number;
  checked: number;
  coveragePct: number | null;
  nonAttendances: number;
  nonAttendanceByReason: Record<string, number>;
  etdRequired: number;
  etdApplied: number;
  highHarmCases: number;
  outcomes: OutcomeCounts;
}

/** One decimal place, as the server rounds coverage and ETD rates. */
export function ratePct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/**
 * The sum of the region rows. A median cannot be summed, so the total has none: showing one made
 * up from the regions' medians would be a figure nobody counted.
 */
export function nationalTotal(regions: readonly PackRegion[]): NationalTotal {
  const outcomes = Object.fromEntries(CASE_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
  const t: NationalTotal = { arrivals: 0, checked: 0, coveragePct: null, nonAttendances: 0, nonAttendanceByReason: {}, etdRequired: 0, etdApplied: 0, highHarmCases: 0, outcomes };
  for (const { total: r } of regions) {
    t.arrivals += r.figures.arrivals;
    t.checked += r.figures.checked;
    t.nonAttendances += r.figures.nonAttendances;
    t.etdRequired += r.etdRequired;
    t.etdApplied += r.etdApplied;
    t.highHarmCases += r.highHarmCases;
    for (const o of CASE_OUTCOMES) t.outcomes[o] += r.outcomes[o] ?? 0;
    for (const [reason, n] of Object.entries(r.nonAttendanceByReason)) t.nonAttendanceByReason[reason] = (t.nonAttendanceByReason[reason] ?? 0) + n;
  }
  t.coveragePct = ratePct(t.checked, t.arrivals);
  return t;
}

const LABELS: Readonly<Record<string, string>> = NON_ATTENDANCE_REASON_LABEL;
const ORDER: readonly string[] = NON_ATTENDANCE_REASONS;

/** "No officer available 2 · Travel time 1": the register's order, then any reason not known here. */
export function reasonsText(byReason: Record<string, number>): string {
  const keys = Object.keys(byReason).filter((k) => (byReason[k] ?? 0) > 0);
  keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys.map((k) => `${LABELS[k] ?? k} ${byReason[k] ?? 0}`).join(' · ');
}

const rank = (reason: string): number => {
  const i = ORDER.indexOf(reason);
  return i < 0 ? ORDER.length : i;
};
