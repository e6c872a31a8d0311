/** Europe/London calendar helpers: "today" and hours are local, across BST changes. */
export const LONDON = 'Europe/London';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

const HOUR_MS = 3_600_000;
/** London's offset from UTC is a whole number of hours, so day and hour are fixed within a UTC hour. */
const byUtcHour = new Map<number, { day: string; hour: number }>();

/** The London calendar day (YYYY-MM-DD) and hour (0–23) of an instant. */
export function londonDayHour(at: number): { day: string; hour: number } {
  const key = Math.floor(at / HOUR_MS);
  const cached = byUtcHour.get(key);
  if (cached) return cached;
  const p: Record<string, string> = {};
  for (const { type, value } of parts.formatToParts(at)) p[type] = value;
  const result = { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
  // Formatting with Intl is slow on a hot path; a few weeks of hours is a small cache.
  if (byUtcHour.size > 2_000) byUtcHour.clear();
  byUtcHour.set(key, result);
  return result;
}

export function londonDay(at: number): string {
  return londonDayHour(at).day;
}

/** The London day before `day` (YYYY-MM-DD); calendar arithmetic, so DST does not matter. */
export function previousDay(day: string): string {
  return shiftDay(day, -1);
}

const shifted = new Map<string, string>();

/** The calendar day `days` after `day` (YYYY-MM-DD; negative goes back). */
export function shiftDay(day: string, days: number): string {
  // Every fact asks this of the same few days; Date parsing and formatting showed in profiles.
  const key = `${day}|${days}`;
  const cached = shifted.get(key);
  if (cached) return cached;
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const result = d.toISOString().slice(0, 10);
  if (shifted.size > 2_000) shifted.clear();
  shifted.set(key, result);
  return result;
}

/** Whole calendar days from `a` to `b` (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);
}

/** The instant of 00:00 London time on `day`. */
export function londonMidnight(day: string): number {
  // Start at 00:00 UTC on that date, then step back by London's offset at that moment.
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const { hour } = londonDayHour(utcMidnight);
  return hour === 0 ? utcMidnight : utcMidnight - hour * 3_600_000;
}

const hourMinute = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const byMinute = new Map<number, string>();

/** "18:20", London time: for messages that must not change as the clock runs (alerts, decision 58). */
export function londonHM(at: number): string {
  const key = Math.floor(at / 60_000);
  const cached = byMinute.get(key);
  if (cached !== undefined) return cached;
  const text = hourMinute.format(at);
  if (byMinute.size > 5_000) byMinute.clear();
  byMinute.set(key, text);
  return text;
}
