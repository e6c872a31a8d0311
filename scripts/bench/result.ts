/** What one measure reports: rows of figures, each with its baseline, ratio, target and verdict. */
export type Verdict = 'PASS' | 'MISS' | 'INFO';

export interface Row {
  /** What is measured, e.g. "p99 emit → receive". */
  metric: string;
  ours: string;
  baseline: string;
  /** ours / baseline, unless the row says otherwise; null when there is no baseline. */
  ratio: number | null;
  target: string;
  verdict: Verdict;
}

export interface MeasureResult {
  id: number;
  title: string;
  /** How it was run: sizes, durations, what the baseline is. */
  setup: string;
  rows: Row[];
  /** Why a target was missed, from profiling; written by hand into the doc when known. */
  notes?: string[];
  /** Set when the measure could not run; the rows are then empty. */
  error?: string;
  seconds?: number;
}

export const fmt = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : 'n/a';

export const verdict = (ok: boolean): Verdict => (ok ? 'PASS' : 'MISS');

export function row(metric: string, ours: string, baseline: string, ratio: number | null, target: string, v: Verdict): Row {
  return { metric, ours, baseline, ratio, target, verdict: v };
}
