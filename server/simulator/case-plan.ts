import type { CheckOutcome, Decision, Disposal, TravelDocument } from '../../protocol/index.js';
import { drawProfile, type CaseProfile } from './case-profile.js';
import {
  ACRO_REQUEST_MS,
  ACRO_REQUEST_RATE,
  ACRO_RETURN_MEDIAN_MS,
  ACRO_RETURN_RANGE_MS,
  ACRO_RETURN_SIGMA,
  DECISION_AFTER_INTERVIEW_MS,
  DECISION_MIX,
  DISPOSAL_MIX,
  ETD_AFTER_DECISION_MS,
  ETD_AGREED_AFTER_MS,
  ETD_AGREED_RATE,
  ETD_APPLY_RATE,
  INTERVIEW_AFTER_CHECK_MS,
  OUTCOME_MIX,
  OUTCOME_RECORD_AFTER_MS,
  OVERSEAS_CONVICTIONS_RATE,
  REFERRAL_LATE_MS,
  REFERRAL_MIX,
  REFERRAL_PROMPT_MS,
  REMOTE_OUTCOME_AFTER_MS,
  REMOTE_PAPERS_RATE,
  REMOVAL_AFTER_MS,
  TRANSFER_AFTER_MS,
  TRANSFER_BEFORE_RELEASE_MS,
  TRANSFER_RATE,
  TRAVEL_DOCUMENT_MIX,
} from './demand-model.js';
import { planDetention, type DetentionPlan } from './detention-plan.js';
import { Rng } from './random.js';

/** What an officer does after finding someone of interest, should anyone get to them in time. */
export interface FollowUpPlan {
  interviewAfterCheckMs: number;
  decisionAfterInterviewMs: number;
  decision: Decision;
  travelDocument: TravelDocument;
  /** null: no ETD application is made even if one is required. */
  etdAfterDecisionMs: number | null;
  /** null: not agreed while in police custody. */
  etdAgreedAfterMs: number | null;
}

/** What the casework feed will record, should a check find the person of interest. */
export interface OutcomePlan {
  /** After an officer's decision (papers) or the police disposal (the rest). */
  recordAfterMs: number;
  /** Nobody decided in custody: papers served remotely, or no further action, this long after release. */
  remote: { papersServed: boolean; afterReleaseMs: number };
  /** A uniform draw: removed when below the rate for the first outcome (papers or detention). */
  removalDraw: number;
  removalAfterMs: number;
}

/** How one detention will go: who it is, when each milestone is due, how it ends. */
export interface CasePlan extends DetentionPlan {
  profile: CaseProfile;
  disposal: Disposal;
  outcome: CheckOutcome;
  /** null: the police never refer the person. */
  referredAt: number | null;
  acro: { requestedAt: number; returnedAt: number; overseasConvictions: boolean } | null;
  transferAt: number | null;
  followUp: FollowUpPlan;
  outcomes: OutcomePlan;
}

export interface PlanKey {
  custodyRef: string;
  relevantTime: number;
  /** The force the person was booked into: its detention limits apply. */
  region: string;
}

const between = (rng: Rng, [min, max]: readonly [number, number]) => Math.round(rng.uniform(min, max));

/** Plans are asked for every case every minute and never change: remember a day's worth or so. */
const PLANS_KEPT = 20_000;
const plans = new Map<string, { seed: number; relevantTime: number; region: string; plan: Readonly<CasePlan> }>();

/**
 * A case's fate, derived from the seed and its custody reference alone: nothing to remember, so a
 * restarted simulator (or one that sees a case booked by another feed) carries it on as planned.
 * Each aspect draws from its own stream, so changing one never reshuffles the others. Pure, so
 * memoised (by reference, the rest of the key compared: no key string built on every call);
 * callers must not change what they get.
 */
export function casePlan(seed: number, key: PlanKey): Readonly<CasePlan> {
  const kept = plans.get(key.custodyRef);
  if (kept && kept.seed === seed && kept.relevantTime === key.relevantTime && kept.region === key.region) return kept.plan;
  if (plans.size >= PLANS_KEPT) plans.clear();
  const plan = drawPlan(seed, key);
  plans.set(key.custodyRef, { seed, relevantTime: key.relevantTime, region: key.region, plan });
  return plan;
}

function drawPlan(seed: number, key: PlanKey): CasePlan {
  const draw = (aspect: string) => Rng.from(seed, aspect, key.custodyRef);
  const t0 = key.relevantTime;
  const profile = drawProfile(draw('profile'));
  const fate = draw('case');
  const detention = planDetention(fate, t0, key.region, profile.offenceCategory);
  return {
    ...detention,
    profile,
    disposal: fate.weighted(DISPOSAL_MIX),
    outcome: fate.weighted(OUTCOME_MIX),
    referredAt: planReferral(draw('referral'), t0),
    acro: planAcro(draw('acro'), t0),
    transferAt: planTransfer(draw('transfer'), t0, detention.releaseAt),
    followUp: planFollowUp(draw('follow-up')),
    outcomes: planOutcomes(draw('outcome')),
  };
}

function planReferral(rng: Rng, t0: number): number | null {
  const r = rng.next();
  if (r < REFERRAL_MIX.prompt) return t0 + between(rng, REFERRAL_PROMPT_MS);
  if (r < REFERRAL_MIX.prompt + REFERRAL_MIX.late) return t0 + between(rng, REFERRAL_LATE_MS);
  return null;
}

function planAcro(rng: Rng, t0: number): CasePlan['acro'] {
  if (!rng.chance(ACRO_REQUEST_RATE)) return null;
  const requestedAt = t0 + between(rng, ACRO_REQUEST_MS);
  const [min, max] = ACRO_RETURN_RANGE_MS;
  const wait = Math.round(Math.min(max, Math.max(min, rng.lognormal(ACRO_RETURN_MEDIAN_MS, ACRO_RETURN_SIGMA))));
  return { requestedAt, returnedAt: requestedAt + wait, overseasConvictions: rng.chance(OVERSEAS_CONVICTIONS_RATE) };
}

function planTransfer(rng: Rng, t0: number, releaseAt: number): number | null {
  if (!rng.chance(TRANSFER_RATE)) return null;
  const at = t0 + between(rng, TRANSFER_AFTER_MS);
  return at <= releaseAt - TRANSFER_BEFORE_RELEASE_MS ? at : null;
}

function planFollowUp(rng: Rng): FollowUpPlan {
  return {
    interviewAfterCheckMs: between(rng, INTERVIEW_AFTER_CHECK_MS),
    decisionAfterInterviewMs: between(rng, DECISION_AFTER_INTERVIEW_MS),
    decision: rng.weighted(DECISION_MIX),
    travelDocument: rng.weighted(TRAVEL_DOCUMENT_MIX),
    etdAfterDecisionMs: rng.chance(ETD_APPLY_RATE) ? between(rng, ETD_AFTER_DECISION_MS) : null,
    etdAgreedAfterMs: rng.chance(ETD_AGREED_RATE) ? between(rng, ETD_AGREED_AFTER_MS) : null,
  };
}

function planOutcomes(rng: Rng): OutcomePlan {
  return {
    recordAfterMs: between(rng, OUTCOME_RECORD_AFTER_MS),
    remote: { papersServed: rng.chance(REMOTE_PAPERS_RATE), afterReleaseMs: between(rng, REMOTE_OUTCOME_AFTER_MS) },
    removalDraw: rng.next(),
    removalAfterMs: between(rng, REMOVAL_AFTER_MS),
  };
}
