import { describe, expect, it } from 'vitest';
import { londonDay, londonDayHour } from '../../protocol/index.js';
import { applyEvents, FORECAST_DEFAULTS, forecastFootfall, forecastSuite, initialState, type State } from '../../server/domain/index.js';
import { addDays } from '../../server/domain/hour-of-week.js';
import { booked, HOUR, logged, reference } from '../support/reference.js';

type Footfall = Record<string, number[]>;

/** Footfall from `first` to `last` (London days), `perHour(day, hour)` arrivals in each hour slot. */
function footfall(first: string, last: string, perHour: (day: string, hour: number) => number): Footfall {
  const out: Footfall = {};
  for (let day = first; day <= last; day = addDays(day, 1)) out[day] = Array.from({ length: 24 }, (_, h) => perHour(day, h));
  return out;
}

function withFootfall(counts: Footfall): State {
  const state = initialState(reference);
  state.suites.set('met-brixton', { ...state.suites.get('met-brixton')!, footfall: counts });
  return state;
}

/** Tuesday 24 November 2026, 14:30 GMT: four whole weeks of history run from 27 October. */
const NOW = Date.parse('2026-11-24T14:30:00Z');
const TODAY = '2026-11-24';
const FOUR_WEEKS_AGO = addDays(TODAY, -28);

describe('arrivals forecast', () => {
  it('flat history gives a flat forecast, with today so far and the next 12 hours', () => {
    const history = footfall(FOUR_WEEKS_AGO, TODAY, (day, h) => (day === TODAY && h > 14 ? 0 : 2));
    const forecast = forecastSuite(withFootfall(history), 'met-brixton', NOW);
    expect(forecast.hours).toHaveLength(15 + 12);
    expect(forecast.hours.every((h) => h.expected === 2)).toBe(true);
    expect(forecast.hours.slice(0, 15).map((h) => h.actual)).toEqual(new Array(15).fill(2));
    expect(forecast.hours.slice(15).every((h) => h.actual === null)).toBe(true);
    expect(forecast.hours[0]!.at).toBe(Date.parse('2026-11-24T00:00:00Z'));
    expect(forecast.hours.at(-1)!.at).toBe(Date.parse('2026-11-25T02:00:00Z'));
    expect(forecast.method).toMatch(/4 weeks.*last 7 days.*× recent level 1\.00/);
  });

  it('a suite busy every Friday at 18:00 is forecast busy then, and only then', () => {
    const fridayMorning = Date.parse('2026-11-27T09:30:00Z');
    const history = footfall(addDays('2026-11-27', -28), '2026-11-27', (day, h) => (new Date(`${day}T12:00:00Z`).getUTCDay() === 5 && h === 18 ? 10 : 1));
    const hours = forecastSuite(withFootfall(history), 'met-brixton', fridayMorning).hours.filter((h) => h.actual === null);
    const six = hours.find((h) => londonDayHour(h.at).hour === 18)!;
    const others = hours.filter((h) => h !== six).map((h) => h.expected);
    expect(six.expected).toBeGreaterThan(5);
    expect(Math.max(...others)).toBeLessThan(1.1);
  });

  /** Flat at `base` an hour for four weeks, then `recent` an hour from 14:00 yesterday to 14:00 today. */
  const levelShift = (base: number, recent: number) =>
    footfall(FOUR_WEEKS_AGO, TODAY, (day, h) => ((day === addDays(TODAY, -1) && h >= 14) || (day === TODAY && h < 14) ? recent : base));

  it('the recent level doubles the forecast when the last day ran at double (plain ratio)', () => {
    const forecast = forecastFootfall('met-brixton', levelShift(2, 4), NOW, { ...FORECAST_DEFAULTS, levelPrior: 0 });
    expect(forecast.method).toContain('× recent level 2.00');
    // 15:00: hour-of-week 2; last 7 days at 15:00 (4 + 6 × 2) / 7; blended, then doubled.
    const at15 = forecast.hours.find((h) => h.at === Date.parse('2026-11-24T15:00:00Z'))!;
    expect(at15.expected).toBeCloseTo(2 * (0.5 * 2 + 0.5 * (16 / 7)), 2);
  });

  it('by default the level needs evidence: a busy suite doubling nearly doubles, a quiet one moves less', () => {
    // 480 expected, 960 arrived: (960 + 12) / (480 + 12). 48 expected, 96 arrived: (96 + 12) / (48 + 12).
    expect(forecastSuite(withFootfall(levelShift(20, 40)), 'met-brixton', NOW).method).toContain('× recent level 1.98');
    expect(forecastSuite(withFootfall(levelShift(2, 4)), 'met-brixton', NOW).method).toContain('× recent level 1.80');
  });

  it('the level adjustment is clipped to [0.5, 2]', () => {
    expect(forecastSuite(withFootfall(levelShift(2, 20)), 'met-brixton', NOW).method).toContain('× recent level 2.00');
    expect(forecastSuite(withFootfall(levelShift(2, 0)), 'met-brixton', NOW).method).toContain('× recent level 0.50');
  });

  it('with no history, expects nothing', () => {
    const forecast = forecastSuite(withFootfall({}), 'met-brixton', NOW);
    expect(forecast.hours.every((h) => h.expected === 0)).toBe(true);
    expect(forecast.method).toMatch(/no footfall history/);
  });

  it('with a few days of history, uses what there is', () => {
    const history = footfall(addDays(TODAY, -3), TODAY, () => 3);
    const forecast = forecastFootfall('met-brixton', history, NOW);
    expect(forecast.hours.every((h) => h.expected === 3)).toBe(true);
    expect(forecast.method).not.toMatch(/weeks?/);
  });

  it('uses only hours that ended before the current hour: later counts do not leak in', () => {
    const history = footfall(FOUR_WEEKS_AGO, TODAY, (d, h) => 1 + ((h * 7 + d.charCodeAt(9)) % 5));
    const cut = Object.fromEntries(Object.entries(history).map(([d, c]) => [d, d === TODAY ? c.map((n, h) => (h < 14 ? n : 0)) : c]));
    const expected = (f: Footfall) => forecastFootfall('met-brixton', f, NOW).hours.map((h) => h.expected);
    expect(expected(history)).toEqual(expected(cut));
  });

  it('the day the clocks go forward (2026-03-29) has 23 hours, starting at each real hour', () => {
    const lateEvening = Date.parse('2026-03-29T22:30:00Z'); // 23:30 BST
    const hours = forecastSuite(withFootfall({}), 'met-brixton', lateEvening).hours.filter((h) => londonDay(h.at) === '2026-03-29');
    expect(hours).toHaveLength(23);
    expect(hours[0]!.at).toBe(Date.parse('2026-03-29T00:00:00Z'));
    expect(hours.every((h, i) => h.at === hours[0]!.at + i * HOUR)).toBe(true);
    expect(hours.map((h) => londonDayHour(h.at).hour).slice(0, 3)).toEqual([0, 2, 3]);
  });

  it('the day the clocks go back (2026-10-25) has 25 hours; each 01:00 hour has its own arrivals', () => {
    const state = initialState(reference);
    const firstOne = Date.parse('2026-10-25T00:30:00Z'); // 01:30 BST
    const secondOne = Date.parse('2026-10-25T01:20:00Z'); // 01:20 GMT
    applyEvents(state, logged([booked('A1', 'met-brixton', firstOne), booked('A2', 'met-brixton', secondOne), booked('A3', 'met-brixton', secondOne + 1)], 1, firstOne));
    const lateEvening = Date.parse('2026-10-25T23:30:00Z'); // 23:30 GMT
    const hours = forecastSuite(state, 'met-brixton', lateEvening).hours.filter((h) => londonDay(h.at) === '2026-10-25');
    expect(hours).toHaveLength(25);
    expect(hours[0]!.at).toBe(Date.parse('2026-10-24T23:00:00Z'));
    expect(hours.every((h, i) => h.at === hours[0]!.at + i * HOUR)).toBe(true);
    expect(hours.map((h) => londonDayHour(h.at).hour).slice(0, 4)).toEqual([0, 1, 1, 2]);
    expect(hours.slice(0, 4).map((h) => h.actual)).toEqual([0, 1, 2, 0]);
  });
});
