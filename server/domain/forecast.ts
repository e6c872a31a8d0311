import { londonDayHour, type SuiteForecast } from '../../protocol/index.js';
import { addDays, HOUR_MS, hourStart, hourStartsOf, slotStarts } from './hour-of-week.js';
import type { State, SuiteState } from './state.js';

/** Hours forecast beyond the current one: the rest of a shift and the handover after it. */
export const FORECAST_HORIZON_HOURS = 12;
/** Same weekday and hour over this many past weeks: the weekly shape (Friday nights). */
export const PROFILE_WEEKS = 4;
/** Same hour of day over this many past days: more samples, and closer to the current level. */
export const RECENT_DAYS = 7;
/** The level adjustment compares this many complete hours of actuals with what was expected. */
export const LEVEL_HOURS = 24;
/** One odd day can halve or double the forecast, no more. */
export const LEVEL_CLIP: readonly [number, number] = [0.5, 2];

type Footfall = SuiteState['footfall'];

/** The method's two judgement calls, adjustable so the backtest can compare alternatives. */
export interface ForecastOptions {
  /** Weight of the hour-of-week mean against the recent same-hour mean when both exist. */
  profileWeight: number;
  /**
   * Expected arrivals added to both sides of the level ratio, pulling a small suite's noisy day
   * towards 1; 0 is the plain ratio, Infinity switches the adjustment off.
   */
  levelPrior: number;
}

/**
 * Half and half; 12 expected arrivals (about a day at a busy suite) added to each side of the level
 * ratio. The plain ratio, on a typical suite's dozen arrivals a day, was mostly noise: in the
 * backtest it made the 08:00–20:00 forecast nearly as poor as "same hours last week"
 * (docs/evaluation.md, where the alternatives are compared).
 */
export const FORECAST_DEFAULTS: ForecastOptions = { profileWeight: 0.5, levelPrior: 12 };

/**
 * Expected foreign-national arrivals per hour at a suite, for the daily management meeting: every
 * hour of today so far (with what actually arrived) and the next 12 hours. Pure: it reads the
 * suite's hourly footfall in state and `now` (and, for the doubled 01:00 when the clocks go back,
 * the cases, to say which of the two hours each arrival fell in). See `forecastFootfall`.
 */
export function forecastSuite(state: State, suiteId: string, now: number): SuiteForecast {
  const suite = state.suites.get(suiteId);
  const forecast = forecastFootfall(suiteId, suite?.footfall ?? {}, now);
  // On the night the clocks go back, two real hours share the 01:00 slot; the cases say which.
  const hours = forecast.hours.map((h) => {
    if (h.actual === null) return h;
    const { day, hour } = londonDayHour(h.at);
    return slotStarts(day, hour).length > 1 ? { ...h, actual: arrivalsBetween(state, suiteId, h.at, Math.min(h.at + HOUR_MS, now + 1)) } : h;
  });
  return { ...forecast, hours };
}

/**
 * The forecast from a footfall record alone (what `forecastSuite` uses; the backtest replays it).
 * Only hours that ended before the current hour began count as history, so a record that runs on
 * past `now` gives the same answer as one cut at `now`.
 *
 * For an hour instant t: the mean per-hour rate at t's London weekday and hour over the last 4 weeks
 * (hour-of-week), blended half and half with the mean at t's hour over the last 7 days (recent
 * same-hour), whichever exist; failing both, the mean rate of all history; with no history, 0.
 * That base is multiplied by the recent level: actual arrivals in the last 24 complete hours ÷ the
 * base for those hours, each side plus `levelPrior` expected arrivals so that a quiet suite's one
 * odd day does not swing it, clipped to [0.5, 2] (1 when nothing was expected).
 */
export function forecastFootfall(suiteId: string, footfall: Footfall, now: number, options: ForecastOptions = FORECAST_DEFAULTS): SuiteForecast {
  const history = new History(footfall, hourStart(now), options);
  const current = hourStart(now);
  const today = londonDayHour(now).day;
  const level = history.level();
  const instants = [...hourStartsOf(today).filter((t) => t <= current)];
  for (let i = 1; i <= FORECAST_HORIZON_HOURS; i++) instants.push(current + i * HOUR_MS);
  const hours = instants.map((at) => ({
    at,
    expected: round2((history.base(at) ?? 0) * level.factor),
    actual: at <= current ? history.countAt(at) : null,
  }));
  return { suiteId, method: describe(history, level, options), hours };
}

/** Per-hour rates from a footfall record, limited to history complete before `cutoff`. */
class History {
  readonly #footfall: Footfall;
  readonly #cutoff: number;
  /** The first London day on record: before it nothing is known; after it a missing day had no arrivals. */
  readonly firstDay: string | null;
  #overall: number | null | undefined;
  readonly #options: ForecastOptions;

  constructor(footfall: Footfall, cutoff: number, options: ForecastOptions) {
    this.#footfall = footfall;
    this.#cutoff = cutoff;
    this.#options = options;
    const days = Object.keys(footfall).sort();
    this.firstDay = days[0] ?? null;
  }

  /** Arrivals per hour in one London day's hour slot, or null if not (yet) known. */
  rate(day: string, hour: number): number | null {
    if (this.firstDay === null || day < this.firstDay) return null;
    const starts = slotStarts(day, hour);
    if (starts.length === 0 || starts.at(-1)! + HOUR_MS > this.#cutoff) return null;
    return (this.#footfall[day]?.[hour] ?? 0) / starts.length;
  }

  /** Arrivals counted in the slot of hour instant `at` (both real hours of a doubled slot, shared). */
  countAt(at: number): number {
    const { day, hour } = londonDayHour(at);
    const count = this.#footfall[day]?.[hour] ?? 0;
    const share = slotStarts(day, hour).length;
    return share > 1 ? count / share : count;
  }

  /** The expected rate for hour instant `at` before any level adjustment; null with no history. */
  base(at: number): number | null {
    const { day, hour } = londonDayHour(at);
    const profile = mean(Array.from({ length: PROFILE_WEEKS }, (_, k) => this.rate(addDays(day, -7 * (k + 1)), hour)));
    const recent = mean(Array.from({ length: RECENT_DAYS }, (_, k) => this.rate(addDays(day, -(k + 1)), hour)));
    const w = this.#options.profileWeight;
    if (profile !== null && recent !== null) return w * profile + (1 - w) * recent;
    if (profile !== null || recent !== null) return profile ?? recent;
    this.#overall ??= this.#overallRate();
    return this.#overall;
  }

  /** Actual ÷ expected over the last 24 complete hours on record, clipped; 1 when nothing was expected. */
  level(): { factor: number; hours: number } {
    let actual = 0;
    let expected = 0;
    let hours = 0;
    for (let at = this.#cutoff - LEVEL_HOURS * HOUR_MS; at < this.#cutoff; at += HOUR_MS) {
      const { day, hour } = londonDayHour(at);
      const base = this.base(at);
      if (this.rate(day, hour) === null || base === null) continue;
      actual += this.countAt(at);
      expected += base;
      hours++;
    }
    const prior = this.#options.levelPrior;
    if (expected <= 0 || !Number.isFinite(prior)) return { factor: 1, hours };
    const ratio = (actual + prior) / (expected + prior);
    return { factor: Math.min(LEVEL_CLIP[1], Math.max(LEVEL_CLIP[0], ratio)), hours };
  }

  /** Weeks of same-weekday history behind the hour-of-week mean (0–4). */
  weeks(): number {
    if (this.firstDay === null) return 0;
    const today = londonDayHour(this.#cutoff).day;
    let weeks = 0;
    while (weeks < PROFILE_WEEKS && addDays(today, -7 * (weeks + 1)) >= this.firstDay) weeks++;
    return weeks;
  }

  #overallRate(): number | null {
    if (this.firstDay === null) return null;
    let count = 0;
    let hours = 0;
    for (let day = this.firstDay; day <= londonDayHour(this.#cutoff).day; day = addDays(day, 1)) {
      for (let hour = 0; hour < 24; hour++) {
        const starts = slotStarts(day, hour);
        if (starts.length === 0 || starts.at(-1)! + HOUR_MS > this.#cutoff) continue;
        count += this.#footfall[day]?.[hour] ?? 0;
        hours += starts.length;
      }
    }
    return hours > 0 ? count / hours : null;
  }
}

function describe(history: History, level: { factor: number; hours: number }, options: ForecastOptions): string {
  if (history.firstDay === null) return 'no footfall history yet: expected 0';
  const weeks = history.weeks();
  const recent = `same hour over the last ${RECENT_DAYS} days`;
  const base =
    weeks > 0 ? `same weekday and hour over ${weeks} week${weeks === 1 ? '' : 's'} (${Math.round(options.profileWeight * 100)}%), blended with ${recent}` : recent;
  if (!Number.isFinite(options.levelPrior)) return `${base}; no level adjustment`;
  const prior = options.levelPrior > 0 ? `, each side +${options.levelPrior}` : '';
  return `${base}, × recent level ${level.factor.toFixed(2)} (last ${level.hours} h actual ÷ expected${prior}, clipped ${LEVEL_CLIP[0]}–${LEVEL_CLIP[1]})`;
}

/** Arrivals booked at the suite in [from, to): exact where footfall slots are ambiguous. */
function arrivalsBetween(state: State, suiteId: string, from: number, to: number): number {
  let n = 0;
  for (const map of [state.cases, state.closedCases]) {
    for (const c of map.values()) if (c.arrivalSuiteId === suiteId && c.relevantTime >= from && c.relevantTime < to) n++;
  }
  return n;
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
