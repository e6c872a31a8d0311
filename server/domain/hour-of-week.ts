import { londonDayHour, londonMidnight } from '../../protocol/index.js';

/**
 * London calendar arithmetic for hourly footfall. Footfall is kept per London day and hour-of-day
 * slot, but hours are instants: the night the clocks go forward has no 01:00 slot (a 23-hour day),
 * and the night they go back has two 01:00 hours in one slot (a 25-hour day). These helpers say how
 * many real hours each slot covered, so a forecast can turn counts into per-hour rates honestly.
 */

/** One real hour; London's offset is a whole number of hours, so London hours start on UTC hours. */
export const HOUR_MS = 3_600_000;

/** The London day `n` calendar days after `day` (YYYY-MM-DD); negative `n` goes back. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Day of the week of a London day, 0 = Sunday: the "week" in hour-of-week. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/** The start of the (UTC = London, offsets being whole hours) hour containing `at`. */
export const hourStart = (at: number): number => Math.floor(at / HOUR_MS) * HOUR_MS;

const startsCache = new Map<string, readonly number[]>();

/** The instant each hour of a London day begins, in order: 23, 24 or 25 of them. */
export function hourStartsOf(day: string): readonly number[] {
  const cached = startsCache.get(day);
  if (cached) return cached;
  const from = londonMidnight(day);
  const to = londonMidnight(addDays(day, 1));
  const starts: number[] = [];
  for (let t = from; t < to; t += HOUR_MS) starts.push(t);
  // A pure memo of calendar facts; a few months of days is a small cache.
  if (startsCache.size > 400) startsCache.clear();
  startsCache.set(day, starts);
  return starts;
}

const slotsCache = new Map<string, readonly (readonly number[])[]>();

/** The hour instants that fall in one London day's hour-of-day slot (0–23): none, one or two. */
export function slotStarts(day: string, hour: number): readonly number[] {
  let slots = slotsCache.get(day);
  if (!slots) {
    const byHour: number[][] = Array.from({ length: 24 }, () => []);
    for (const t of hourStartsOf(day)) byHour[londonDayHour(t).hour]!.push(t);
    slots = byHour;
    if (slotsCache.size > 400) slotsCache.clear();
    slotsCache.set(day, slots);
  }
  return slots[hour] ?? [];
}
