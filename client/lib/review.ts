import type { FootfallReview } from '../../protocol/index.js';
import { daysBetween } from '../../protocol/time.js';

/** Hours in a week: index 0 is Monday 00:00–00:59 London, 167 is Sunday 23:00–23:59. */
export const WEEK_HOURS = 168;
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** One thing the heat map can show: a suite, a region's suites added up, or everything in view. */
export interface ReviewSeries {
  key: string;
  label: string;
  demand: number[];
  officerHours: number[];
}

/** "Tuesday 16:00–17:00" for an hour of the week. */
export function hourOfWeekLabel(hour: number): string {
  const h = hour % 24;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAY_NAMES[Math.floor(hour / 24)] ?? ''} ${pad(h)}:00–${pad((h + 1) % 24)}:00`;
}

/** How many weeks a period of London days (inclusive) is, so figures read "per week". */
export function weeksIn(from: string, to: string): number {
  return Math.max(1, daysBetween(from, to) + 1) / 7;
}

const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function addUp(key: string, label: string, rows: FootfallReview['suites']): ReviewSeries {
  const demand = new Array<number>(WEEK_HOURS).fill(0);
  const officerHours = new Array<number>(WEEK_HOURS).fill(0);
  for (const r of rows) {
    for (let i = 0; i < WEEK_HOURS; i++) {
      demand[i]! += r.demand[i] ?? 0;
      officerHours[i]! += r.officerHours[i] ?? 0;
    }
  }
  return { key, label, demand, officerHours };
}

/**
 * What the reader can choose from: region totals first (and everything, when more than one
 * region is in view), then each suite, busiest over the period first.
 */
export function reviewChoices(review: FootfallReview): { totals: ReviewSeries[]; suites: ReviewSeries[] } {
  const regions = [...new Set(review.suites.map((s) => s.region))].sort((a, b) => a.localeCompare(b, 'en-GB'));
  const totals = regions.map((region) => addUp(`region:${region}`, `${region} (all suites)`, review.suites.filter((s) => s.region === region)));
  if (regions.length > 1) totals.unshift(addUp('all', 'All suites in view', review.suites));
  const suites = [...review.suites]
    .sort((a, b) => total(b.demand) - total(a.demand) || a.name.localeCompare(b.name, 'en-GB'))
    .map((s) => ({ key: `suite:${s.suiteId}`, label: `${s.name} (${s.region})`, demand: s.demand, officerHours: s.officerHours }));
  return { totals, suites };
}

/**
 * How far staffing departs from demand at each hour, -1 to 1. Each hour's share of the week's
 * arrivals is compared with its share of the week's officer-hours, so the question is whether
 * staffing follows the shape of demand, whatever the overall numbers: +1 is "the busiest hour,
 * and nobody there", -1 "the most staffed hour, and nothing arriving", 0 "in proportion".
 * null where there was neither demand nor an officer.
 */
export function mismatch(series: Pick<ReviewSeries, 'demand' | 'officerHours'>): (number | null)[] {
  const [sumD, sumO] = [total(series.demand), total(series.officerHours)];
  const gaps = series.demand.map((d, i) => {
    const o = series.officerHours[i] ?? 0;
    if (d <= 0 && o <= 0) return null;
    return (sumD > 0 ? d / sumD : 0) - (sumO > 0 ? o / sumO : 0);
  });
  const widest = Math.max(...gaps.map((g) => Math.abs(g ?? 0)), 1e-9);
  return gaps.map((g) => (g === null ? null : g / widest));
}

/** The heat map's colours, red (arrivals, no officer) through neutral to blue (officers, no arrivals). */
export const MISMATCH_BANDS = [
  { min: 0.6, colour: '#b42318', label: 'Many arrivals, no officer' },
  { min: 0.3, colour: '#e8590c', label: 'More arrivals than officers' },
  { min: 0.1, colour: '#fbc4a4', label: 'Slightly under-staffed' },
  { min: -0.1, colour: '#dcdfd3', label: 'Balanced' },
  { min: -0.3, colour: '#a5c8ec', label: 'Slightly over-staffed' },
  { min: -0.6, colour: '#4c8fd6', label: 'More officers than arrivals' },
  { min: -Infinity, colour: '#1c4f8f', label: 'Officers with nothing arriving' },
] as const;
/** An hour with no arrivals and no officer: nothing to compare. */
export const EMPTY_COLOUR = '#ffffff';

export function mismatchColour(value: number | null): string {
  if (value === null) return EMPTY_COLOUR;
  return (MISMATCH_BANDS.find((b) => value >= b.min) ?? MISMATCH_BANDS[MISMATCH_BANDS.length - 1]!).colour;
}

/** A single-hue scale for the small grids: white at 0, `rgb` at the grid's busiest hour. */
export function shade(value: number, max: number, rgb: readonly [number, number, number]): string {
  if (value <= 0 || max <= 0) return '#ffffff';
  const t = 0.12 + 0.88 * Math.min(1, value / max);
  const mix = (c: number) => Math.round(255 + (c - 255) * t);
  return `rgb(${mix(rgb[0])} ${mix(rgb[1])} ${mix(rgb[2])})`;
}

/** "2.3" (one decimal, en-GB), for figures per week. */
export function perWeek(n: number): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}
