import { OUTCOMES_OF_INTEREST, type CheckOutcome } from '../../protocol/index.js';
import { etdRequired, type CaseState } from '../domain/index.js';
import { scheduleOutcome } from './outcomes.js';
import type { StepContext } from './step-context.js';

export const ofInterest = (outcome: CheckOutcome): boolean => (OUTCOMES_OF_INTEREST as readonly CheckOutcome[]).includes(outcome);

/** The next thing an officer does for someone of interest, when, and who does it. */
export interface FollowUpStep {
  kind: 'interview' | 'decision' | 'etd_applied' | 'etd_agreed';
  at: number;
  /** Who acts; null for the ETD's agreement, which comes from the other country. */
  officerId: string | null;
}

/**
 * Read from State and the case's plan, so it survives a restart: after a face-to-face check the
 * checking officer interviews; whoever interviewed decides (recording the travel document);
 * the decider applies for an ETD when one is required. After a remote check nobody is due to
 * interview until an officer takes the case on (see attendance.ts).
 */
export function nextFollowUp(ctx: StepContext, kase: CaseState): FollowUpStep | null {
  const { check } = kase;
  if (!check || !ofInterest(check.outcome)) return null;
  const plan = ctx.plan(kase).followUp;
  if (kase.interviewAt === null)
    return check.mode === 'face_to_face' && check.officerId !== null
      ? { kind: 'interview', at: check.at + plan.interviewAfterCheckMs, officerId: check.officerId }
      : null;
  if (kase.decision === null) return { kind: 'decision', at: kase.interviewAt + plan.decisionAfterInterviewMs, officerId: kase.interviewedBy };
  if (kase.etdAppliedAt === null)
    return etdRequired(kase) && plan.etdAfterDecisionMs !== null
      ? { kind: 'etd_applied', at: kase.decision.at + plan.etdAfterDecisionMs, officerId: kase.decision.officerId }
      : null;
  if (kase.etdAgreedAt === null && plan.etdAgreedAfterMs !== null)
    return { kind: 'etd_agreed', at: kase.etdAppliedAt + plan.etdAgreedAfterMs, officerId: null };
  return null;
}

/** Schedules the next follow-up of everyone in custody at the start of the window. */
export function planFollowUps(ctx: StepContext): void {
  for (const ref of ctx.state.cases.keys()) scheduleFollowUp(ctx, ref);
}

/** Schedules a case's next follow-up step; each step, once done, schedules the one after. */
export function scheduleFollowUp(ctx: StepContext, ref: string): void {
  const kase = ctx.inCustody(ref);
  const next = kase && nextFollowUp(ctx, kase);
  if (next) ctx.schedule(next.at, (at) => runStep(ctx, ref, next, at));
}

/** Takes the step if it is still the next one and its officer is still with the person; else it lapses. */
function runStep(ctx: StepContext, ref: string, step: FollowUpStep, at: number): void {
  const kase = ctx.inCustody(ref);
  if (!kase || nextFollowUp(ctx, kase)?.kind !== step.kind) return;
  const officer = step.officerId === null ? undefined : ctx.state.officers.get(step.officerId);
  const withPerson = officer?.status === 'at_suite' && officer.suiteId === kase.suiteId;
  const custodyRef = ref;
  switch (step.kind) {
    case 'interview':
      if (!officer || !withPerson) return;
      ctx.emit(at, { type: 'interview.held', data: { custodyRef, officerId: officer.id } });
      break;
    case 'decision': {
      if (!officer || !withPerson) return;
      const { decision, travelDocument } = ctx.plan(kase).followUp;
      ctx.emit(at, { type: 'travel_document.recorded', data: { custodyRef, document: travelDocument } });
      if (ctx.emit(at, { type: 'decision.made', data: { custodyRef, officerId: officer.id, decision } })) scheduleOutcome(ctx, ref);
      break;
    }
    case 'etd_applied':
      // An application can be made from anywhere; an officer gone off duty leaves it to a caseworker.
      ctx.emit(at, { type: 'etd.applied', data: { custodyRef, officerId: officer && officer.status !== 'off_duty' ? officer.id : null } });
      break;
    case 'etd_agreed':
      ctx.emit(at, { type: 'etd.agreed', data: { custodyRef } });
      break;
  }
  scheduleFollowUp(ctx, ref);
}

/** Officers occupied at `t` with someone's interview, decision or ETD application. */
export function busyWithFollowUps(ctx: StepContext, t: number): Set<string> {
  const busy = new Set<string>();
  for (const kase of ctx.state.cases.values()) {
    const next = nextFollowUp(ctx, kase);
    if (next?.officerId && next.kind !== 'etd_agreed' && next.at > t) busy.add(next.officerId);
  }
  return busy;
}
