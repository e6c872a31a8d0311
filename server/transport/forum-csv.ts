import { CASE_OUTCOMES, type ForumFigures, type ForumView } from '../../protocol/index.js';
import { toCsv } from './csv.js';

const PERIODS = ['current', 'previousMonth', 'lastYear'] as const;
const FIGURES = ['fn_arrivals', 'checked', 'coverage_pct', 'median_minutes_to_check', 'non_attendances', 'high_harm_cases', 'etd_required', 'etd_applied', ...CASE_OUTCOMES];

function cells(f: ForumFigures): (number | null)[] {
  return [f.arrivals, f.checked, f.coveragePct, f.medianMinutesToCheck, f.nonAttendances, f.highHarmCases, f.etdRequired, f.etdApplied, ...CASE_OUTCOMES.map((o) => f.outcomes[o] ?? 0)];
}

/** The forum as CSV: one row per nation, region and suite; each figure for the month, the month before and a year before. */
export function forumCsv(forum: ForumView): string {
  const header = ['level', 'region', 'suite', ...PERIODS.flatMap((p) => FIGURES.map((f) => `${forum.periods[p].month}_${f}`))];
  const rows = forum.rows.map((r) => [r.level, r.region, r.level === 'suite' ? r.name : '', ...PERIODS.flatMap((p) => cells(r[p]))]);
  return toCsv(header, rows);
}
