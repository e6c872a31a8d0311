import { CASE_OUTCOMES, type PerformancePack } from '../../protocol/index.js';
import { toCsv } from './csv.js';

const HEADER = [
  'level',
  'region',
  'suite',
  'fn_arrivals',
  'checked',
  'coverage_pct',
  'median_minutes_to_check',
  'non_attendances',
  'non_attendance_reasons',
  'etd_required',
  'etd_applied',
  'high_harm_cases',
  ...CASE_OUTCOMES,
];

/** The performance pack as the CSV a spreadsheet opens: one row per region and suite, as on screen, then the nation. */
export function packCsv(pack: PerformancePack): string {
  const rows = [...pack.rows, pack.national].map((r) => [
    r.level,
    r.region,
    r.level === 'suite' ? r.name : '',
    r.figures.arrivals,
    r.figures.checked,
    r.figures.coveragePct,
    r.figures.medianMinutesToCheck,
    r.figures.nonAttendances,
    Object.entries(r.nonAttendanceByReason)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; '),
    r.etdRequired,
    r.etdApplied,
    r.highHarmCases,
    ...CASE_OUTCOMES.map((o) => r.outcomes[o] ?? 0),
  ]);
  return toCsv(HEADER, rows);
}
