/**
 * The performance pack's period: a London day, a calendar month (to its last day, or to today
 * while it is still running), or any from–to. Calendar arithmetic only, so BST does not matter.
 */
import { LONDON } from '../../protocol/time.js';

export type PackMode = 'daily' | 'monthly' | 'custom';

export interface PackRange {
  from: string;
  to: string;
}

/** What the period picker holds: each mode keeps its own choice while another is shown. */
export interface PackChoice {
  mode: PackMode;
  /** YYYY-MM-DD */
  day: string;
  /** YYYY-MM */
  month: string;
  from: string;
  to: string;
}

const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const longDay = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

const yearMonth = (month: string): { y: number; m: number } => ({ y: Number(month.slice(0, 4)), m: Number(month.slice(5, 7)) });

/** "2025-11" → "2025-11-30": day 0 of the next month is the last of this one. */
export function lastDayOf(month: string): string {
  const { y, m } = yearMonth(month);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** A month from its 1st to its last day, or to `today` if the month is still running. */
export function monthRange(month: string, today: string): PackRange {
  const last = lastDayOf(month);
  return { from: `${month}-01`, to: last < today ? last : today };
}

/** The days the pack covers for this choice. */
export function rangeOf(choice: PackChoice, today: string): PackRange {
  switch (choice.mode) {
    case 'daily':
      return { from: choice.day, to: choice.day };
    case 'monthly':
      return /^\d{4}-\d{2}$/.test(choice.month) ? monthRange(choice.month, today) : { from: '', to: '' };
    case 'custom':
      return { from: choice.from, to: choice.to };
  }
}

/** "November 2025", for a month picker's options. */
export function monthLabel(month: string): string {
  const { y, m } = yearMonth(month);
  return monthName.format(Date.UTC(y, m - 1, 15));
}

/** This month and the `count - 1` before it, newest first ("2025-11", "2025-10", …). */
export function recentMonths(today: string, count = 24): string[] {
  const { y, m } = yearMonth(today);
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(Date.UTC(y, m - 1 - i, 15));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

/** "Mon 24 Nov 2025": a printed pack needs the year. */
export function packDay(day: string): string {
  // Intl puts a comma after the weekday when there is a year; the rest of the screen has none.
  return longDay.format(Date.parse(`${day}T12:00:00Z`)).replace(',', '');
}

/** The pack's period in words: "Mon 24 Nov 2025", "November 2025 to date (…)" or "Sat 1 Nov 2025 to Mon 24 Nov 2025". */
export function periodLabel(range: PackRange): string {
  if (range.from === range.to) return packDay(range.from);
  const month = range.from.slice(0, 7);
  if (range.from === `${month}-01` && range.to.slice(0, 7) === month) {
    if (range.to === lastDayOf(month)) return monthLabel(month);
    return `${monthLabel(month)} to date (${packDay(range.from)} to ${packDay(range.to)})`;
  }
  return `${packDay(range.from)} to ${packDay(range.to)}`;
}
