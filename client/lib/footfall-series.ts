import type { SuiteForecast } from '../../protocol/index.js';
import { londonDayHour } from '../../protocol/time.js';
import { dayLabel } from './format.js';

/** What the suite chart draws: one slot per London hour, actual arrivals (bars) and forecast (line). */
export interface FootfallSeries {
  /** "14"; the first hour of another day also names the day: ["00", "Wed 26 Nov"]. */
  labels: (string | string[])[];
  /** Tooltip titles: "14:00–14:59" or "Wed 26 Nov 00:00–00:59". */
  titles: string[];
  actual: (number | null)[];
  forecast: (number | null)[];
}

const pad = (h: number) => String(h).padStart(2, '0');

/**
 * Today's live arrivals by hour, laid over the server's forecast for today and the next 12
 * hours. Bars for hours that have begun come from the live suite (updated by every delta); the
 * forecast's own actuals fill the rest; hours still to come have no bar. Without a forecast it
 * is today's 24 hours of bars alone.
 */
export function footfallSeries(todayHours: readonly number[], now: number, forecast: SuiteForecast | null): FootfallSeries {
  const { day: today, hour: nowHour } = londonDayHour(now);
  if (!forecast || forecast.hours.length === 0) {
    return {
      labels: todayHours.map((_, h) => pad(h)),
      titles: todayHours.map((_, h) => `${pad(h)}:00–${pad(h)}:59`),
      actual: [...todayHours],
      forecast: todayHours.map(() => null),
    };
  }
  const hours = [...forecast.hours].sort((a, b) => a.at - b.at);
  const series: FootfallSeries = { labels: [], titles: [], actual: [], forecast: [] };
  let previousDay = today;
  for (const slot of hours) {
    const { day, hour } = londonDayHour(slot.at);
    const otherDay = day !== today;
    series.labels.push(otherDay && day !== previousDay ? [pad(hour), dayLabel(slot.at)] : pad(hour));
    series.titles.push(`${otherDay ? `${dayLabel(slot.at)} ` : ''}${pad(hour)}:00–${pad(hour)}:59`);
    const begun = day === today && hour <= nowHour;
    series.actual.push(begun ? (todayHours[hour] ?? slot.actual) : slot.actual);
    series.forecast.push(slot.expected);
    previousDay = day;
  }
  return series;
}
