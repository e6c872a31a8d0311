import { londonDayHour } from '../../protocol/index.js';
import type { SuiteState } from '../domain/index.js';
import { scheduleCasework } from './casework.js';
import {
  IABS_MATCH_RATE,
  NATIONALITY_WEIGHTS,
  regionArrivalsPerHour,
  suiteWeight,
  UNKNOWN_NATIONALITY_SHARE,
} from './demand-model.js';
import { custodyRef } from './identifiers.js';
import { scheduleOutcome } from './outcomes.js';
import type { StepContext } from './step-context.js';

const HOUR = 3_600_000;
/** Arrival rates change by the hour; sampling in pieces this long follows them closely. */
const PIECE_MS = 15 * 60_000;

/**
 * Foreign nationals arriving at custody: a Poisson process per open suite, its rate the force's
 * daily volume shaped by London hour and weekday and shared among the force's open suites.
 */
export function planBookings(ctx: StepContext): void {
  const suites = [...ctx.state.suites.values()].sort((a, b) => a.id.localeCompare(b.id));
  const numbers = suiteNumbers(suites);
  const regionWeight = new Map<string, number>();
  for (const s of suites) regionWeight.set(s.region, (regionWeight.get(s.region) ?? 0) + suiteWeight(s));

  for (let a = ctx.from; a < ctx.to; ) {
    const b = Math.min(ctx.to, a + PIECE_MS, (Math.floor(a / HOUR) + 1) * HOUR);
    const { day, hour } = londonDayHour(a + 1);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    for (const suite of suites) {
      const weight = suiteWeight(suite);
      if (weight === 0) continue;
      const perHour = (regionArrivalsPerHour(suite.region, hour, weekday) * weight) / (regionWeight.get(suite.region) ?? weight);
      const count = ctx.rng.poisson((perHour * (b - a)) / HOUR);
      for (let i = 0; i < count; i++) {
        const at = a + 1 + Math.floor(ctx.rng.next() * (b - a));
        ctx.schedule(at, () => book(ctx, suite.id, numbers.get(suite.id) ?? 0, at));
      }
    }
    a = b;
  }
}

/** Releases everyone whose planned detention ends in this window (or ended while we were away). */
export function planReleases(ctx: StepContext): void {
  for (const kase of ctx.state.cases.values()) {
    const { releaseAt } = ctx.plan(kase);
    if (releaseAt <= ctx.to) ctx.schedule(releaseAt, (at) => release(ctx, kase.custodyRef, at));
  }
}

function book(ctx: StepContext, suiteId: string, suiteNumber: number, at: number): void {
  const suite = ctx.state.suites.get(suiteId);
  if (!suite?.open) return; // closed since the window began: the arrest goes elsewhere
  const unknown = ctx.rng.chance(UNKNOWN_NATIONALITY_SHARE);
  const nationality = unknown ? 'XX' : ctx.rng.weighted(NATIONALITY_WEIGHTS);
  // Someone of unknown nationality is only an FN because their fingerprints matched.
  const iabsMatch = unknown || ctx.rng.chance(IABS_MATCH_RATE);
  let ref = custodyRef(suite.region, suiteNumber, at, ctx.rng);
  const taken = (r: string) => ctx.state.cases.has(r) || ctx.state.closedCases.has(r);
  for (let tries = 0; taken(ref) && tries < 20; tries++) ref = custodyRef(suite.region, suiteNumber, at, ctx.rng);
  const plan = ctx.plan({ custodyRef: ref, relevantTime: at, region: suite.region });
  const booked = ctx.emit(at, {
    type: 'arrest.booked',
    data: { custodyRef: ref, suiteId, nationality, iabsMatch, relevantTime: at, ...plan.profile, intelFlags: [...plan.profile.intelFlags] },
  });
  if (!booked) return;
  if (plan.releaseAt <= ctx.to) ctx.schedule(plan.releaseAt, (when) => release(ctx, ref, when));
  scheduleCasework(ctx, ref);
}

function release(ctx: StepContext, ref: string, at: number): void {
  const kase = ctx.inCustody(ref);
  if (!kase) return; // someone else's feed released them already
  ctx.checks.delete(ref); // a check under way ends with the detention
  if (ctx.emit(at, { type: 'detainee.released', data: { custodyRef: ref, disposal: ctx.plan(kase).disposal } })) scheduleOutcome(ctx, ref);
}

/** Suite numbers within each force (1, 2, …) by id, so references stay stable as suites open and close. */
function suiteNumbers(suites: readonly SuiteState[]): Map<string, number> {
  const next = new Map<string, number>();
  const numbers = new Map<string, number>();
  for (const s of suites) {
    const n = (next.get(s.region) ?? 0) + 1;
    next.set(s.region, n);
    numbers.set(s.id, n);
  }
  return numbers;
}
