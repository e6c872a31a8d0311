import type { ForumFigures, ForumPeriod, ForumRow, ForumView, PackRow, PerformancePack } from '../../protocol/index.js';

/** The three months the forum compares. */
export interface ForumPeriods {
  current: ForumPeriod;
  previousMonth: ForumPeriod;
  lastYear: ForumPeriod;
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A month (YYYY-MM) moved by whole months. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The London days of a month, up to `lastDay` of it at most (a running month, like for like). */
function periodOf(month: string, lastDay: number): ForumPeriod {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { month, from: `${month}-01`, to: `${month}-${pad(Math.min(lastDay, daysIn(y, m)))}` };
}

/**
 * The month asked for against the month before and the same month a year earlier. A month still
 * running counts up to today, and the two it is compared with up to the same day of their month,
 * so the forum compares like with like; a month in the past counts whole.
 */
export function forumPeriods(month: string, today: string): ForumPeriods {
  const running = today.slice(0, 7) === month;
  const lastDay = running ? Number(today.slice(8, 10)) : 31;
  return { current: periodOf(month, lastDay), previousMonth: periodOf(shiftMonth(month, -1), lastDay), lastYear: periodOf(shiftMonth(month, -12), lastDay) };
}

function figuresOfRow(r: PackRow | undefined): ForumFigures {
  if (!r) return { arrivals: 0, checked: 0, coveragePct: null, medianMinutesToCheck: null, nonAttendances: 0, highHarmCases: 0, etdRequired: 0, etdApplied: 0, nonAttendanceByReason: {}, outcomes: {} };
  return { ...r.figures, highHarmCases: r.highHarmCases, etdRequired: r.etdRequired, etdApplied: r.etdApplied, nonAttendanceByReason: r.nonAttendanceByReason, outcomes: r.outcomes };
}

/** The forum from the three months' packs: national first, then each region and its suites, as in the pack. */
export function forumView(periods: ForumPeriods, packs: { current: PerformancePack; previousMonth: PerformancePack; lastYear: PerformancePack }): ForumView {
  const rowsOf = (p: PerformancePack) => new Map([p.national, ...p.rows].map((r) => [`${r.level}:${r.key}`, r]));
  const previous = rowsOf(packs.previousMonth);
  const lastYear = rowsOf(packs.lastYear);
  const rows: ForumRow[] = [packs.current.national, ...packs.current.rows].map((r) => ({
    level: r.level,
    key: r.key,
    name: r.name,
    region: r.region,
    current: figuresOfRow(r),
    previousMonth: figuresOfRow(previous.get(`${r.level}:${r.key}`)),
    lastYear: figuresOfRow(lastYear.get(`${r.level}:${r.key}`)),
  }));
  return { periods, rows };
}
