import { travelMs } from '../../protocol/index.js';
import type { OfficerState, SuiteState } from '../domain/index.js';
import { DISPATCH_EVERY_MS, DISPATCH_MIN_QUEUE } from './demand-model.js';
import type { StepContext } from './step-context.js';

/**
 * The sim's ICE duty manager: every 15 minutes, in each force, sends the nearest available ICE
 * officer to the open suite with the longest queue that nobody is at or on the way to. Sent as a
 * command, like a person's, after the window's facts; one per force, so the next look sees it.
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
  const worst = new Map<string, SuiteState>();
  for (const s of ctx.state.suites.values()) {
    if (!s.open || s.pendingChecks < DISPATCH_MIN_QUEUE || staffed.has(s.id)) continue;
    const current = worst.get(s.region);
    if (!current || s.pendingChecks > current.pendingChecks || (s.pendingChecks === current.pendingChecks && s.id < current.id))
      worst.set(s.region, s);
  }
  for (const [region, suite] of [...worst].sort(([a], [b]) => a.localeCompare(b))) {
    const nearest = (available.get(region) ?? [])
      .map((o) => ({ o, ms: travelMs(o, suite, region) }))
      .sort((a, b) => a.ms - b.ms || a.o.id.localeCompare(b.o.id))[0];
    if (!nearest) continue;
    ctx.commands.push({ officerId: nearest.o.id, suiteId: suite.id, reason: `Queue of ${suite.pendingChecks} waiting` });
  }
}
