import type { CaseOutcome } from '../../protocol/index.js';
import type { CaseState } from '../domain/index.js';
import { REMOVAL_RATE_AFTER_DETENTION, REMOVAL_RATE_AFTER_PAPERS } from './demand-model.js';
import { ofInterest } from './follow-up.js';
import type { StepContext } from './step-context.js';

/** An outcome the casework feed will record after this window: kept in the simulator's memory. */
export interface OutcomeDue {
  readonly at: number;
  readonly custodyRef: string;
}

const DECIDED: Readonly<Record<string, CaseOutcome>> = {
  papers_served: 'papers_served',
  detained_immigration_powers: 'detained_immigration_powers',
  no_action: 'no_further_action',
};

/**
 * The next outcome the casework feed records for a case, read from State and the case's plan (so
 * it survives a restart): an officer's decision becomes the outcome (papers when decided, the
 * rest at the police disposal); without one, papers served remotely or no further action days
 * after release; then, for some, removal or deportation weeks later. Only for people a check
 * found of interest.
 */
export function nextOutcome(ctx: StepContext, kase: CaseState): { outcome: CaseOutcome; at: number } | null {
  if (!kase.check || !ofInterest(kase.check.outcome)) return null;
  const plan = ctx.plan(kase).outcomes;
  const first = kase.outcomes[0];
  if (!first) {
    const decided = kase.decision ? DECIDED[kase.decision.decision] : undefined;
    if (decided === 'papers_served') return { outcome: decided, at: kase.decision!.at + plan.recordAfterMs };
    if (!kase.released) return null;
    if (decided) return { outcome: decided, at: kase.released.at + plan.recordAfterMs };
    return { outcome: plan.remote.papersServed ? 'papers_served' : 'no_further_action', at: kase.released.at + plan.remote.afterReleaseMs };
  }
  if (kase.outcomes.some((o) => o.outcome === 'removed_or_deported' || o.outcome === 'no_further_action')) return null;
  const detained = kase.outcomes.some((o) => o.outcome === 'detained_immigration_powers');
  const rate = detained ? REMOVAL_RATE_AFTER_DETENTION : REMOVAL_RATE_AFTER_PAPERS;
  if (!kase.released || plan.removalDraw >= rate) return null;
  return { outcome: 'removed_or_deported', at: Math.max(kase.released.at, kase.outcomes.at(-1)!.at) + plan.removalAfterMs };
}

/**
 * At the start of a window: outcomes due in it from memory (or, after a restart, from every case
 * the state holds), onto the agenda.
 */
export function planOutcomes(ctx: StepContext): void {
  if (ctx.outcomesDue === null) {
    ctx.outcomesDue = [];
    for (const kase of [...ctx.state.cases.values(), ...ctx.state.closedCases.values()]) scheduleOutcome(ctx, kase.custodyRef);
    return;
  }
  let due = 0;
  while (due < ctx.outcomesDue.length && ctx.outcomesDue[due]!.at <= ctx.to) due++;
  if (due === 0) return;
  const now = ctx.outcomesDue.slice(0, due);
  ctx.outcomesDue = ctx.outcomesDue.slice(due);
  for (const { custodyRef } of now) scheduleOutcome(ctx, custodyRef);
}

/** Puts a case's next outcome on this window's agenda, or in memory for a later window. */
export function scheduleOutcome(ctx: StepContext, ref: string): void {
  const kase = ctx.state.cases.get(ref) ?? ctx.state.closedCases.get(ref);
  const next = kase && nextOutcome(ctx, kase);
  if (!next) return;
  if (next.at > ctx.to) return remember(ctx, { at: next.at, custodyRef: ref });
  ctx.schedule(next.at, (at) => {
    const now = ctx.state.cases.get(ref) ?? ctx.state.closedCases.get(ref);
    if (!now || nextOutcome(ctx, now)?.outcome !== next.outcome) return;
    if (ctx.emit(at, { type: 'outcome.recorded', data: { custodyRef: ref, outcome: next.outcome } })) scheduleOutcome(ctx, ref);
  });
}

function remember(ctx: StepContext, due: OutcomeDue): void {
  const list = [...(ctx.outcomesDue ?? [])];
  let i = list.length;
  while (i > 0 && list[i - 1]!.at > due.at) i--;
  list.splice(i, 0, due);
  ctx.outcomesDue = list;
}
