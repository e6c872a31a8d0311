import { travelMs } from '../../protocol/index.js';
import type { OfficerState, SuiteState } from '../domain/index.js';
import { DISPATCH_ATTEND_MIN_LEFT_MS, DISPATCH_EVERY_MS, DISPATCH_MIN_QUEUE } from './demand-model.js';
import type { StepContext } from './step-context.js';
import { awaitingAttendance } from './work-lists.js';

interface Need {
  suite: SuiteState;
  /** People found to be of interest, with nobody to see them, who will still be there when an officer arrives. */
  toAttend: number;
}

/**
 * The sim's ICE duty manager: every 15 minutes, in each force, sends the nearest available ICE
 * officer to the open suite nobody is at or on the way to that needs one most: offenders to
 * attend first, then the longest queue. Sent as a command, like a person's, after the window's
 * facts; one per force, so the next look sees it.
 */
export function dispatchIce(ctx: StepContext): void {
  const slot = Math.floor(ctx.to / DISPATCH_EVERY_MS) * DISPATCH_EVERY_MS;
  if (slot <= ctx.from) return;
  const staffed = new Set<string>();
  const available = new Map<string, OfficerState[]>();
  for (const o of ctx.state.officers.values()) {
    if ((o.status === 'at_suite' || o.status === 'travelling') && o.suiteId) staffed.add(o.suiteId);
    if (o.status === 'available' && o.role === 'ice_officer') available.set(o.region, [...(available.get(o.region) ?? []), o]);
  }
  const attend = awaitingAttendance(ctx, ctx.to);
  const worst = new Map<string, Need>();
  for (const suite of ctx.state.suites.values()) {
    if (!suite.open || staffed.has(suite.id)) continue;
    const toAttend = (attend.get(suite.id) ?? []).filter((w) => w.releaseAt - ctx.to >= DISPATCH_ATTEND_MIN_LEFT_MS).length;
    if (toAttend === 0 && suite.pendingChecks < DISPATCH_MIN_QUEUE) continue;
    const need = { suite, toAttend };
    const current = worst.get(suite.region);
    if (!current || moreNeeded(need, current) < 0) worst.set(suite.region, need);
  }
  for (const [region, { suite, toAttend }] of [...worst].sort(([a], [b]) => a.localeCompare(b))) {
    const nearest = (available.get(region) ?? [])
      .map((o) => ({ o, ms: travelMs(o, suite, region) }))
      .sort((a, b) => a.ms - b.ms || a.o.id.localeCompare(b.o.id))[0];
    if (!nearest) continue;
    const queue = `Queue of ${suite.pendingChecks} waiting`;
    ctx.dispatches.push({ officerId: nearest.o.id, suiteId: suite.id, reason: toAttend > 0 ? `${toAttend} to attend; ${queue.toLowerCase()}` : queue });
  }
}

/** Offenders to attend outrank a queue; then the longer queue; then the suite id, for a stable choice. */
function moreNeeded(a: Need, b: Need): number {
  return b.toAttend - a.toAttend || b.suite.pendingChecks - a.suite.pendingChecks || a.suite.id.localeCompare(b.suite.id);
}
