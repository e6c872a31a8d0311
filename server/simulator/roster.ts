import { londonDayHour, type OfficerPosition } from '../../protocol/index.js';
import type { OfficerState } from '../domain/index.js';
import { onShift } from './shifts.js';
import type { StepContext } from './step-context.js';

const HOUR = 3_600_000;

/**
 * The rostering feed. Shifts change on the hour (UK offsets are whole hours, so London hours start
 * on UTC hours); at the start of every window, too, the roster is made to match the clock, which
 * puts things right after a restart or on the first run.
 */
export function planRoster(ctx: StepContext): void {
  ctx.schedule(ctx.from + 1, (at) => reconcile(ctx, at));
  for (let b = (Math.floor((ctx.from + 1) / HOUR) + 1) * HOUR; b <= ctx.to; b += HOUR) ctx.schedule(b, (at) => reconcile(ctx, at));
}

/**
 * Brings every officer in line with their shift: on duty (an embedded IO then at their home
 * suite), or off duty. ICE officers start each day from their force's base.
 */
function reconcile(ctx: StepContext, at: number): void {
  const { hour } = londonDayHour(at);
  const toBase: OfficerPosition[] = [];
  for (const officer of [...ctx.state.officers.values()]) {
    const shift = ctx.rota.get(officer.id);
    const wanted = shift ? onShift(shift, hour) : false;
    if (!wanted) {
      if (officer.status !== 'off_duty') goOffDuty(ctx, officer, at);
      continue;
    }
    if (officer.status === 'off_duty') {
      ctx.emit(at, { type: 'officer.rostered', data: { officerId: officer.id, status: 'available' } });
      const base = officer.role === 'ice_officer' ? forceBase(ctx, officer.region) : null;
      if (base && (base.lat !== officer.lat || base.lng !== officer.lng)) toBase.push({ officerId: officer.id, ...base });
    }
    const now = ctx.state.officers.get(officer.id);
    const home = officer.homeSuiteId ? ctx.state.suites.get(officer.homeSuiteId) : undefined;
    if (now?.status === 'available' && home?.open)
      ctx.emit(at, { type: 'officer.arrived', data: { officerId: officer.id, suiteId: home.id } });
  }
  if (toBase.length > 0) ctx.emit(at, { type: 'officers.moved', data: { positions: toBase } });
}

function goOffDuty(ctx: StepContext, officer: OfficerState, at: number): void {
  for (const [ref, check] of ctx.checks) if (check.officerId === officer.id) ctx.checks.delete(ref);
  ctx.emit(at, { type: 'officer.rostered', data: { officerId: officer.id, status: 'off_duty' } });
}

/** The middle of a force's open suites: where its ICE team works from (as the reference roster places it). */
function forceBase(ctx: StepContext, region: string): { lat: number; lng: number } | null {
  const open = [...ctx.state.suites.values()].filter((s) => s.region === region && s.open);
  if (open.length === 0) return null;
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return {
    lat: round(open.reduce((sum, s) => sum + s.lat, 0) / open.length),
    lng: round(open.reduce((sum, s) => sum + s.lng, 0) / open.length),
  };
}
