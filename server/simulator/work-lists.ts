import { compareQueue } from '../../protocol/index.js';
import { deadlineOf, type CaseState } from '../domain/index.js';
import { BOOKING_IN_MS, NEAR_RELEASE_MS } from './demand-model.js';
import { ofInterest } from './follow-up.js';
import type { StepContext } from './step-context.js';

/** A case someone could work on now, with when custody will let the person go. */
export interface Work {
  kase: CaseState;
  releaseAt: number;
}

/**
 * Cases booked in long enough to be seen, not checked and not being checked, by suite, in
 * priority order. Officers in the suite see all of them on the custody board; the CCU only
 * those the police have referred.
 */
export function waitingChecks(ctx: StepContext, t: number): Map<string, Work[]> {
  return bySuite(ctx, t, (kase) => !kase.check && !ctx.checks.has(kase.custodyRef) && t - kase.relevantTime >= BOOKING_IN_MS);
}

/**
 * People found to be of interest whom no officer has yet seen: after a remote check, or after a
 * face-to-face check whose officer could not follow it up. An officer at the suite must attend
 * (DOMAIN.md step 5), or the release becomes a non-attendance.
 */
export function awaitingAttendance(ctx: StepContext, t: number): Map<string, Work[]> {
  return bySuite(ctx, t, (kase) => {
    const { check } = kase;
    if (!check || !ofInterest(check.outcome) || kase.interviewAt !== null) return false;
    const checkerDue = check.mode === 'face_to_face' && check.officerId !== null ? check.at + ctx.plan(kase).followUp.interviewAfterCheckMs : 0;
    return t > checkerDue;
  });
}

function bySuite(ctx: StepContext, t: number, wanted: (kase: CaseState) => boolean): Map<string, Work[]> {
  const lists = new Map<string, Work[]>();
  for (const kase of ctx.state.cases.values()) {
    if (!wanted(kase)) continue;
    const list = lists.get(kase.suiteId) ?? [];
    list.push({ kase, releaseAt: ctx.plan(kase).releaseAt });
    lists.set(kase.suiteId, list);
  }
  for (const list of lists.values()) list.sort(byPriority(t));
  return lists;
}

/**
 * Due out soon (custody has said so) first, soonest first; then the domain's own queue order
 * (High Harm, then least PACE time left, then longest held), which the dashboard shows too.
 */
export function byPriority(t: number): (a: Work, b: Work) => number {
  const dueSoon = (w: Work) => w.releaseAt - t <= NEAR_RELEASE_MS;
  const key = (w: Work) => ({ ...w.kase, paceDeadline: deadlineOf(w.kase) });
  return (a, b) => {
    const urgent = Number(dueSoon(b)) - Number(dueSoon(a));
    if (urgent !== 0) return urgent;
    if (dueSoon(a)) return a.releaseAt - b.releaseAt || a.kase.custodyRef.localeCompare(b.kase.custodyRef);
    return compareQueue(key(a), key(b));
  };
}
