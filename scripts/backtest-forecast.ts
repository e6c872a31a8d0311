/**
 * Evidence for the arrivals forecast: simulate five weeks, then for every hour of the last week and
 * every open suite, forecast with only what was known at the time and compare with what arrived.
 * Against: the naive "same hour last week", and (as a floor no forecast can beat on average) the
 * simulator's own true arrival rate, which the forecast never sees. The simulator's demand never
 * shifts, so a second scenario adds one that does: a suite takes a neighbour's arrivals (as when
 * custody is consolidated) from the day before the scored week.
 *
 *   npx tsx scripts/backtest-forecast.ts [--seed 7] [--weeks 5] [--no-write]
 *
 * Prints a table and writes it into docs/evaluation.md (block "backtest-forecast").
 */
import { daysBetween, londonDay, londonDayHour } from '../protocol/index.js';
import { FOOTFALL_DAYS, FORECAST_DEFAULTS, forecastFootfall, type ForecastOptions } from '../server/domain/index.js';
import { weekdayOf } from '../server/domain/hour-of-week.js';
import { regionArrivalsPerHour, suiteWeight } from '../server/simulator/demand-model.js';
import { DAY, HOUR, ofType, realReference, simulate } from '../test/simulator/harness.js';
import { table, writeSection } from './evaluation-doc.js';

/** A Monday, GMT all through: five weeks from here never cross a clock change. */
const START = Date.parse('2026-11-02T00:00:00Z');
const BUSIEST = 5;

interface Arrival {
  /** When the fact was recorded: after this the forecast may know of it. */
  known: number;
  /** The relevant time: the hour it counts in. */
  at: number;
}

/** A stream of arrivals to forecast, with the rate the simulator drew it from. */
interface Stream {
  id: string;
  name: string;
  arrivals: Arrival[];
  trueRate: (at: number) => number;
  memo: Map<number, Record<string, number[]>>;
}

/** One way of predicting a stream's arrivals in the hour from `at`, with what was known at `issued`. */
type Predictor = (stream: Stream, at: number, issued: number) => number;

interface Errors {
  n: number;
  abs: number;
  sq: number;
  sum: number;
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The suite's footfall record as state held it at `now`: arrivals known by then, last 29 London days. */
function footfallAt(arrivals: readonly Arrival[], now: number): Record<string, number[]> {
  const today = londonDay(now);
  const out: Record<string, number[]> = {};
  for (const a of arrivals) {
    if (a.known >= now) continue;
    const { day, hour } = londonDayHour(a.at);
    if (daysBetween(day, today) >= FOOTFALL_DAYS) continue;
    (out[day] ??= new Array<number>(24).fill(0))[hour]! += 1;
  }
  return out;
}

const countIn = (arrivals: readonly Arrival[], from: number, hours = 1) => arrivals.filter((a) => a.at >= from && a.at < from + hours * HOUR).length;

/** The forecast as `forecastSuite` would have given it at `issued`, for the hour from `at`. */
function forecastAt(stream: Stream, at: number, issued: number, options: ForecastOptions = FORECAST_DEFAULTS): number {
  let footfall = stream.memo.get(issued);
  if (!footfall) stream.memo.set(issued, (footfall = footfallAt(stream.arrivals, issued)));
  const hour = forecastFootfall(stream.id, footfall, issued, options).hours.find((x) => x.at === at);
  if (!hour) throw new Error(`no forecast for ${new Date(at).toISOString()} issued at ${new Date(issued).toISOString()}`);
  return hour.expected;
}

const PREDICTORS: [string, Predictor][] = [
  [`forecast (h0)`, (s, at, issued) => forecastAt(s, at, issued)],
  [`forecast (h12)`, (s, at, issued) => forecastAt(s, at, issued - 12 * HOUR)],
  ['forecast, plain level ratio (h0)', (s, at, issued) => forecastAt(s, at, issued, { ...FORECAST_DEFAULTS, levelPrior: 0 })],
  ['forecast, no level adjustment (h0)', (s, at, issued) => forecastAt(s, at, issued, { ...FORECAST_DEFAULTS, levelPrior: Infinity })],
  ['same hour last week', (s, at) => countIn(s.arrivals, at - 7 * DAY)],
  ['true rate (floor)', (s, at) => s.trueRate(at)],
];

class Scores {
  readonly #errors = new Map<string, Errors>();
  add(name: string, forecast: number, actual: number): void {
    const e = this.#errors.get(name) ?? { n: 0, abs: 0, sq: 0, sum: 0 };
    this.#errors.set(name, e);
    e.n++;
    e.abs += Math.abs(forecast - actual);
    e.sq += (forecast - actual) ** 2;
    e.sum += forecast - actual;
  }
  rows(scope: string): (string | number)[][] {
    return [...this.#errors].map(([name, e]) => [name, scope, e.n, (e.abs / e.n).toFixed(3), Math.sqrt(e.sq / e.n).toFixed(3), (e.sum / e.n).toFixed(3)]);
  }
}

/** Every hour from `from` for `hours`, each predictor issued at the start of the hour. */
function scoreHours(streams: readonly Stream[], from: number, hours: number, scores: Scores, predictors = PREDICTORS): void {
  for (const s of streams) {
    for (let h = from; h < from + hours * HOUR; h += HOUR) {
      const actual = countIn(s.arrivals, h);
      for (const [name, predict] of predictors) scores.add(name, predict(s, h, h), actual);
    }
  }
}

/** The meeting's question: at 08:00, how many will arrive by 20:00? One sample per stream and day. */
function scoreMeeting(streams: readonly Stream[], weekStart: number, scores: Scores, days = 7): void {
  for (const s of streams) {
    for (let at = weekStart + 8 * HOUR; at < weekStart + days * DAY; at += DAY) {
      const actual = countIn(s.arrivals, at, 12);
      // A forecast issued 12 hours earlier does not reach 20:00: no h12 row here.
      for (const [name, predict] of PREDICTORS) {
        if (name.includes('(h12)')) continue;
        scores.add(name, Array.from({ length: 12 }, (_, i) => predict(s, at + i * HOUR, at)).reduce((a, b) => a + b, 0), actual);
      }
    }
  }
}

async function main(): Promise<void> {
  const seed = Number(argument('seed') ?? 7);
  const weeks = Number(argument('weeks') ?? 5);
  const began = performance.now();
  const { port } = await simulate({ seed, start: START, hours: weeks * 7 * 24 });
  const simulated = performance.now();

  const bySuite = new Map<string, Arrival[]>();
  for (const e of ofType(port.log, 'arrest.booked')) {
    const list = bySuite.get(e.data.suiteId) ?? [];
    list.push({ known: e.at, at: e.data.relevantTime });
    bySuite.set(e.data.suiteId, list);
  }
  const open = realReference.suites.filter((s) => s.openAtStart);
  const regionWeight = new Map<string, number>();
  for (const s of open) regionWeight.set(s.region, (regionWeight.get(s.region) ?? 0) + suiteWeight({ ...s, open: true }));
  const streams: Stream[] = open.map((s) => ({
    id: s.id,
    name: s.name,
    arrivals: bySuite.get(s.id) ?? [],
    memo: new Map(),
    trueRate: (at) => {
      const { day, hour } = londonDayHour(at);
      return (regionArrivalsPerHour(s.region, hour, weekdayOf(day)) * suiteWeight({ ...s, open: true })) / regionWeight.get(s.region)!;
    },
  }));

  const weekStart = START + (weeks - 1) * 7 * DAY;
  const all = new Scores();
  scoreHours(streams, weekStart, 7 * 24, all);
  const lastWeek = (s: Stream) => countIn(s.arrivals, weekStart, 7 * 24);
  const busiest = [...streams].sort((a, b) => lastWeek(b) - lastWeek(a)).slice(0, BUSIEST);
  const busy = new Scores();
  scoreHours(busiest, weekStart, 7 * 24, busy);
  const meeting = new Scores();
  scoreMeeting(streams, weekStart, meeting);

  // A level shift: each busy suite takes the arrivals of the busiest other suite in its force from a day before the week.
  const shiftAt = weekStart - DAY;
  const merged: Stream[] = busiest.map((a) => {
    const region = open.find((s) => s.id === a.id)!.region;
    const b = streams.filter((s) => s.id !== a.id && open.find((o) => o.id === s.id)!.region === region).sort((x, y) => lastWeek(y) - lastWeek(x))[0]!;
    return {
      id: a.id,
      name: `${a.name} + ${b.name}`,
      arrivals: [...a.arrivals, ...b.arrivals.filter((x) => x.at >= shiftAt)],
      memo: new Map(),
      trueRate: (at) => a.trueRate(at) + (at >= shiftAt ? b.trueRate(at) : 0),
    };
  });
  const shifted = new Scores();
  scoreHours(merged, weekStart, 48, shifted);
  const shiftedMeeting = new Scores();
  scoreMeeting(merged, weekStart, shiftedMeeting, 2);
  const done = performance.now();

  const text = [
    `Seed ${seed}; ${weeks} simulated weeks from ${londonDay(START)}; scored on every hour of the week from ${londonDay(weekStart)} for each of ${open.length} open suites.`,
    `Busiest suites that week: ${busiest.map((s) => `${s.name} ${lastWeek(s)}`).join(', ')}. Level shift: ${merged.map((s) => s.name).join('; ')}, scored on the first 48 hours of the week (and its two 08:00–20:00 totals).`,
    `h0 = issued at the start of the hour it forecasts (nothing of that hour known); h12 = issued 12 hours earlier. "forecast" is the shipped method (level prior ${FORECAST_DEFAULTS.levelPrior}); "plain level ratio" is the ratio with no prior.`,
    `Errors are in arrivals (bias = mean forecast − actual). Simulated in ${((simulated - began) / 1000).toFixed(0)} s, scored in ${((done - simulated) / 1000).toFixed(0)} s.`,
    '',
    table(['predictor', 'scope', 'n', 'MAE', 'RMSE', 'bias'], [
      ...all.rows(`all ${open.length} suites, per hour`),
      ...busy.rows(`${BUSIEST} busiest, per hour`),
      ...meeting.rows('all suites, 08:00–20:00 total'),
      ...shifted.rows('level shift, per hour'),
      ...shiftedMeeting.rows('level shift, 08:00–20:00 total'),
    ]),
  ].join('\n');
  console.log(text);
  if (!process.argv.includes('--no-write')) writeSection('backtest-forecast', text);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
