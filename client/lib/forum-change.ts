import { CASE_OUTCOMES } from '../../protocol/constants.js';
import type { ForumFigures } from '../../protocol/index.js';
import { count, minutes, percent } from './format.js';
import { OUTCOME_COLUMN_LABEL } from './labels.js';

/** One figure of the forum: how to read it from a period's figures and how to show it. */
export interface ForumMeasure {
  id: string;
  label: string;
  value: (f: ForumFigures) => number | null;
  show: (v: number | null) => string;
  /** Percentages change in points, counts and minutes in their own unit. */
  points?: true;
}

const n = (v: number | null) => (v === null ? '–' : count(v));

export const FORUM_MEASURES: readonly ForumMeasure[] = [
  { id: 'arrivals', label: 'FN arrivals', value: (f) => f.arrivals, show: n },
  { id: 'checked', label: 'Checked', value: (f) => f.checked, show: n },
  { id: 'coverage', label: 'Coverage', value: (f) => f.coveragePct, show: percent, points: true },
  { id: 'median', label: 'Median to check', value: (f) => f.medianMinutesToCheck, show: minutes },
  { id: 'non-attendances', label: 'Non-attend.', value: (f) => f.nonAttendances, show: n },
  { id: 'high-harm', label: 'High Harm', value: (f) => f.highHarmCases, show: n },
  { id: 'etd', label: 'ETD applied', value: (f) => f.etdApplied, show: n },
  // The casework feed's outcomes, each counted on the day it happened.
  ...CASE_OUTCOMES.map((o): ForumMeasure => ({ id: o, label: OUTCOME_COLUMN_LABEL[o], value: (f) => f.outcomes[o] ?? 0, show: n })),
];

/** "+12 (+9.5%)", "−3.1 pts", "0", or "–" when either side is unknown. */
export function change(m: ForumMeasure, now: number | null, then: number | null): string {
  if (now === null || then === null) return '–';
  const d = Math.round((now - then) * 10) / 10;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  const abs = Math.abs(d);
  if (m.points) return `${sign}${abs.toLocaleString('en-GB', { maximumFractionDigits: 1 })} pts`;
  if (m.id === 'median') return `${sign}${minutes(abs)}`;
  const rel = then === 0 ? '' : ` (${sign}${Math.abs(Math.round(((now - then) / then) * 1000) / 10).toLocaleString('en-GB')}%)`;
  return `${sign}${count(abs)}${rel}`;
}
