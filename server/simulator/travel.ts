import type { OfficerPosition } from '../../protocol/index.js';
import { interpolate } from '../../protocol/index.js';
import { POSITION_EVERY_MS } from './demand-model.js';
import type { StepContext } from './step-context.js';

/** Positions are reported to about a metre: finer would only make noise on the wire. */
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Officers on the road reach their suite at the expected time (or at once, if that passed while we were down). */
export function planOfficerArrivals(ctx: StepContext): void {
  for (const officer of ctx.state.officers.values()) {
    if (officer.status !== 'travelling' || officer.etaAt === null || !officer.suiteId || officer.etaAt > ctx.to) continue;
    const { id, suiteId } = officer;
    ctx.schedule(officer.etaAt, (at) => {
      const now = ctx.state.officers.get(id);
      // Sent elsewhere or stood down on the way: this journey no longer ends here.
      if (now?.status !== 'travelling' || now.suiteId !== suiteId) return;
      ctx.emit(at, { type: 'officer.arrived', data: { officerId: id, suiteId } });
    });
  }
}

/**
 * The location feed: one batched `officers.moved` at the end of the window for everyone still on
 * the road, placed along the straight line from where they set off to the suite, in proportion to
 * the time elapsed. Only positions that changed are sent, and only when a report is due, so one
 * real-time tick a second does not log a move a second.
 */
export function moveTravellers(ctx: StepContext): void {
  if (Math.floor(ctx.to / POSITION_EVERY_MS) === Math.floor(ctx.from / POSITION_EVERY_MS)) return;
  const positions: OfficerPosition[] = [];
  for (const officer of ctx.state.officers.values()) {
    if (officer.status !== 'travelling' || !officer.journey || officer.etaAt === null || !officer.suiteId) continue;
    const suite = ctx.state.suites.get(officer.suiteId);
    if (!suite) continue;
    const { departedAt, fromLat, fromLng } = officer.journey;
    const span = officer.etaAt - departedAt;
    const p = interpolate({ lat: fromLat, lng: fromLng }, suite, span > 0 ? (ctx.to - departedAt) / span : 1);
    const lat = round5(p.lat);
    const lng = round5(p.lng);
    if (lat !== officer.lat || lng !== officer.lng) positions.push({ officerId: officer.id, lat, lng });
  }
  if (positions.length > 0) ctx.emit(ctx.to, { type: 'officers.moved', data: { positions } });
}
