import { londonDayHour, previousDay } from '../../protocol/time.js';

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

/**
 * The instant a London wall-clock time ("09:00") happens on a London day: London is UTC or
 * UTC+1, a whole number of hours, so the offset at that moment is read and taken off.
 */
export function londonInstant(day: string, hhmm: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) return Number.NaN;
  const utc = Date.parse(`${day}T${hhmm}:00Z`);
  if (Number.isNaN(utc)) return Number.NaN;
  let offset = (londonDayHour(utc).hour - new Date(utc).getUTCHours() + 24) % 24;
  if (offset > 12) offset -= 24;
  return utc - offset * 3_600_000;
}

/** An instant as a London day and "HH:MM", for a date and a time input. */
export function londonParts(at: number): { day: string; time: string } {
  const { day, hour } = londonDayHour(at);
  const minute = new Date(at).getUTCMinutes();
  return { day, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

/** When the daily management meeting sits, London time. */
export const MEETING_TIME = '09:00';

/** The last meeting before `now`: today at 09:00 London, or yesterday's before 09:00. */
export function lastMeeting(now: number): number {
  const today = londonDayHour(now).day;
  const at = londonInstant(today, MEETING_TIME);
  return at <= now ? at : londonInstant(previousDay(today), MEETING_TIME);
}

/** "03/12/2026" for the London day "2026-12-03": how every date field shows a day ('' for none). */
export function displayDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/**
 * The day a person typed, as YYYY-MM-DD, or null when it is not a real date. Day first, as
 * written in the UK (03/12/2026, 3/12/2026, 3.12.2026), or ISO (2026-12-03); never month first.
 */
export function parseDay(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const uk = /^(\d{1,2})[/. -](\d{1,2})[/. -](\d{4})$/.exec(t);
  const parts = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts as [string, string, string];
  const day = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  // 31/02/2026 is no day: the calendar would roll it into March.
  const date = new Date(`${day}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? day : null;
}
