import type { StepContext } from './step-context.js';

/** Referral, ACRO, extension and transfer for everyone in custody at the start of the window. */
export function planCasework(ctx: StepContext): void {
  for (const ref of ctx.state.cases.keys()) scheduleCasework(ctx, ref);
}

/**
 * The police side of a case, as its plan times it: referral to Immigration Enforcement, the ACRO
 * request and its return, a PACE extension, a transfer. Each is scheduled only while State says
 * it has not happened, so one missed while the server was down happens at the window's start,
 * and none happens twice. A milestone due after release never happens.
 */
export function scheduleCasework(ctx: StepContext, ref: string): void {
  const kase = ctx.inCustody(ref);
  if (!kase) return;
  const plan = ctx.plan(kase);
  if (plan.referredAt !== null && kase.referredAt === null)
    ctx.schedule(plan.referredAt, (at) => {
      if (ctx.inCustody(ref)?.referredAt === null) ctx.emit(at, { type: 'case.referred', data: { custodyRef: ref } });
    });
  const { acro, extension, transferAt } = plan;
  if (acro && kase.acro.requestedAt === null)
    ctx.schedule(acro.requestedAt, (at) => {
      if (ctx.inCustody(ref)?.acro.requestedAt === null) ctx.emit(at, { type: 'acro.requested', data: { custodyRef: ref } });
    });
  if (acro && kase.acro.returnedAt === null)
    ctx.schedule(acro.returnedAt, (at) => {
      const now = ctx.inCustody(ref);
      if (now && now.acro.requestedAt !== null && now.acro.returnedAt === null)
        ctx.emit(at, { type: 'acro.returned', data: { custodyRef: ref, overseasConvictions: acro.overseasConvictions } });
    });
  if (extension && kase.paceLimitHours < extension.limitHours)
    ctx.schedule(extension.at, (at) => {
      const now = ctx.inCustody(ref);
      if (now && now.paceLimitHours < extension.limitHours)
        ctx.emit(at, { type: 'pace.extended', data: { custodyRef: ref, limitHours: extension.limitHours } });
    });
  // Only in its own window: State cannot tell a planned move that was missed from one never planned.
  if (transferAt !== null && transferAt > ctx.from && kase.transfers.length === 0) ctx.schedule(transferAt, (at) => transfer(ctx, ref, at));
}

/**
 * Moves the person to another open suite in the same force, chosen by the case's own stream. Not
 * while a check or an officer's follow-up is under way there: custody waits for that to finish.
 */
function transfer(ctx: StepContext, ref: string, at: number): void {
  const kase = ctx.inCustody(ref);
  if (!kase || kase.transfers.length > 0 || ctx.checks.has(ref)) return;
  if (kase.interviewAt !== null && kase.decision === null) return;
  const options = [...ctx.state.suites.values()]
    .filter((s) => s.open && s.region === kase.region && s.id !== kase.suiteId)
    .map((s) => s.id)
    .sort();
  if (options.length === 0) return;
  const toSuiteId = ctx.rng.pick(options);
  ctx.emit(at, { type: 'case.transferred', data: { custodyRef: ref, toSuiteId } });
}
