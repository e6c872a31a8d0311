import { londonDayHour, londonMidnight, type OffenceCategory } from '../../protocol/index.js';
import { detentionLimits } from '../domain/index.js';
import {
  DETENTION_MEDIAN_FOR_LIMIT_MS,
  DETENTION_MEDIAN_MS,
  DETENTION_MIN_MS,
  DETENTION_SIGMA,
  EXTENDABLE_OFFENCES,
  EXTENSION_BEFORE_LIMIT_MS,
  EXTENSION_MS,
  EXTENSION_RATE,
  MORNING_RELEASE_FROM_HOUR,
  MORNING_RELEASE_MS,
  NIGHT_RELEASE_DEFERRED,
  NIGHT_RELEASE_END_HOUR,
  PACE_MARGIN_MS,
} from './demand-model.js';
import type { Rng } from './random.js';

const HOUR = 3_600_000;

export interface DetentionPlan {
  releaseAt: number;
  /** A review extends the limit before it runs out; null for the great majority. */
  extension: { at: number; limitHours: number } | null;
}

/**
 * How long someone is held, within the force's limits (the domain's own, so the sim never plans
 * a detention the domain would call unlawful): under the starting limit, or, for a few serious
 * cases, extended by 12 h and released after the starting limit but before the new one.
 */
export function planDetention(rng: Rng, relevantTime: number, region: string, offence: OffenceCategory): DetentionPlan {
  const limits = detentionLimits(region);
  const base = limits.baseHours * HOUR;
  const extended = Math.min(limits.maxHours * HOUR, base + EXTENSION_MS);
  if (EXTENDABLE_OFFENCES.has(offence) && extended > base && rng.chance(EXTENSION_RATE)) {
    const at = relevantTime + base - Math.round(rng.uniform(EXTENSION_BEFORE_LIMIT_MS[0], EXTENSION_BEFORE_LIMIT_MS[1]));
    const held = rng.uniform(base + PACE_MARGIN_MS, extended - PACE_MARGIN_MS);
    return { releaseAt: relevantTime + Math.round(held), extension: { at, limitHours: extended / HOUR } };
  }
  const median = (DETENTION_MEDIAN_MS * base) / DETENTION_MEDIAN_FOR_LIMIT_MS;
  const latest = relevantTime + base - PACE_MARGIN_MS;
  const held = Math.max(DETENTION_MIN_MS, rng.lognormal(median, DETENTION_SIGMA));
  return { releaseAt: Math.min(latest, byDay(rng, relevantTime + Math.round(held))), extension: null };
}

/** Most disposals due in the small hours wait for the morning (the rest period, then interview). */
function byDay(rng: Rng, at: number): number {
  const { day, hour } = londonDayHour(at);
  if (hour >= NIGHT_RELEASE_END_HOUR || !rng.chance(NIGHT_RELEASE_DEFERRED)) return at;
  const [min, max] = MORNING_RELEASE_MS;
  return londonMidnight(day) + MORNING_RELEASE_FROM_HOUR * HOUR + Math.round(rng.uniform(min, max));
}
