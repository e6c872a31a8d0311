import { previousDay } from '../../protocol/time.js';

/** The London day `n` days before `day` (both YYYY-MM-DD): calendar arithmetic, DST-proof. */
export function daysBefore(day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; i++) d = previousDay(d);
  return d;
}

/** A sensible date range, or why not: both set, from not after to. */
export function rangeProblem(from: string, to: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return 'Choose both dates.';
  return from > to ? '"From" is after "to".' : null;
}

/** The default report range: the last 7 London days, today included. */
export function lastWeek(today: string): { from: string; to: string } {
  return { from: daysBefore(today, 6), to: today };
}
