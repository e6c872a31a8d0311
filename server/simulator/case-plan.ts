import type { CheckOutcome, Disposal } from '../../protocol/index.js';
import {
  DETENTION_MAX_MS,
  DETENTION_MEDIAN_MS,
  DETENTION_MIN_MS,
  DETENTION_SIGMA,
  DISPOSAL_MIX,
  OUTCOME_MIX,
} from './demand-model.js';
import { Rng } from './random.js';

/** How one detention will go: when it ends, how, and what a status check would find. */
export interface CasePlan {
  releaseAt: number;
  disposal: Disposal;
  outcome: CheckOutcome;
}

/**
 * A case's fate, derived from the seed and its custody reference alone: nothing to remember, so a
 * restarted simulator (or one that sees a case booked by another feed) releases it on time.
 */
export function casePlan(seed: number, kase: { custodyRef: string; relevantTime: number }): CasePlan {
  const rng = Rng.from(seed, 'case', kase.custodyRef);
  const held = Math.min(DETENTION_MAX_MS, Math.max(DETENTION_MIN_MS, rng.lognormal(DETENTION_MEDIAN_MS, DETENTION_SIGMA)));
  return {
    releaseAt: kase.relevantTime + Math.round(held),
    disposal: rng.weighted(DISPOSAL_MIX),
    outcome: rng.weighted(OUTCOME_MIX),
  };
}
