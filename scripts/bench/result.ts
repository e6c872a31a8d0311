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
  /** The number behind `ours`, where another measure compares with it (the cluster rows with the single node's). */
  value?: number;
}

export interface MeasureResult {
  id: number;
  /** Set when another deployment than the single SQLite node was measured, e.g. 'cluster'. */
  variant?: 'cluster';
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

export function row(metric: string, ours: string, baseline: string, ratio: number | null, target: string, v: Verdict, value?: number): Row {
  return { metric, ours, baseline, ratio, target, verdict: v, ...(value === undefined ? {} : { value }) };
}

/** The single SQLite node's row for `metric` of measure `id`, if that measure ran earlier in this run. */
export const singleNodeRow = (earlier: readonly MeasureResult[], id: number, metric: string): Row | undefined =>
  earlier.find((r) => r.id === id && !r.variant)?.rows.find((x) => x.metric === metric);

/**
 * A cluster row side by side with the single node's: its baseline is the single SQLite node's
 * figure from the same run, the ratio cluster ÷ single node.
 */
export function besideSingleNode(single: Row | undefined, metric: string, ours: string, value: number, target = '—', v: Verdict = 'INFO'): Row {
  const ratio = single?.value ? value / single.value : null;
  return row(metric, ours, single ? `${single.ours} (single node)` : '— (single node not run)', ratio, target, v, value);
}
