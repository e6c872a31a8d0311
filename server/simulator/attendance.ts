import { ATTEND_MIN_LEFT_MS } from './demand-model.js';
import { scheduleFollowUp } from './follow-up.js';
import type { StepContext } from './step-context.js';
import type { Work } from './work-lists.js';

/**
 * A free officer at the suite attends the first person on the list they can see through: still
 * in custody long enough to interview, and enough shift left to decide. The interview starts now
 * (and is recorded now); the decision follows as the case's plan times it. Returns whether the
 * officer took someone on, and takes that person off the list.
 */
export function attend(ctx: StepContext, officerId: string, list: Work[] | undefined, t: number, shiftLeftMs: number): boolean {
  if (!list) return false;
  const index = list.findIndex(
    (w) => w.releaseAt - t >= ATTEND_MIN_LEFT_MS && ctx.plan(w.kase).followUp.decisionAfterInterviewMs <= shiftLeftMs,
  );
  const next = list[index];
  if (!next) return false;
  list.splice(index, 1);
  const custodyRef = next.kase.custodyRef;
  if (!ctx.emit(t, { type: 'interview.held', data: { custodyRef, officerId } })) return false;
  scheduleFollowUp(ctx, custodyRef);
  return true;
}
