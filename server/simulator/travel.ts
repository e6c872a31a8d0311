import type { OfficerPosition } from '../../protocol/index.js';
import { interpolate } from '../../protocol/index.js';
import { POSITION_EVERY_MS, POSITION_HEARTBEAT_MS } from './demand-model.js';
import { ackDelayMs, sentAt } from './officer-acts.js';
import type { StepContext } from './step-context.js';

/** Positions are reported to about a metre: finer would only make noise on the wire. */
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * Officers sent somewhere acknowledge the move on their phone, most soon, some late (see
 * ACK_MS); then they set off, and say they have arrived a journey later: at the expected time
 * plus the time they took to acknowledge (or at once, if that passed while we were down).
 */
export function planOfficerArrivals(ctx: StepContext): void {
  for (const officer of ctx.state.officers.values()) {
    if (officer.status !== 'travelling' || officer.etaAt === null || !officer.suiteId) continue;
    const { id, suiteId, move } = officer;
    const delay = ackDelayMs(ctx.seed, id, sentAt(officer));
    // Sent elsewhere, or stood down, on the way: this move no longer stands.
    const stillGoing = () => {
      const now = ctx.state.officers.get(id);
      return now?.status === 'travelling' && now.suiteId === suiteId ? now : null;
    };
    if (move && move.acknowledgedAt === null && move.at + delay <= ctx.to) {
      ctx.schedule(move.at + delay, (at) => {
        if (stillGoing()?.move?.seq === move.seq) ctx.act(at, { kind: 'acknowledge', officerId: id, moveSeq: move.seq });
      });
    }
    const arriveAt = officer.etaAt + delay;
    if (arriveAt <= ctx.to) ctx.schedule(arriveAt, (at) => void (stillGoing() && ctx.act(at, { kind: 'arrive', officerId: id, suiteId })));
  }
}

/**
 * The location feed: one batched `officers.moved` at the end of the window for everyone still on
 * the road, placed along the straight line from where they set off to the suite, in proportion to
 * the time elapsed. Only positions that changed are sent, and only when a report is due, so one
 * real-time tick a second does not log a move a second; every 5 minutes, every officer on duty is
 * reported, moving or not, as a device's regular fix.
 */
export function moveTravellers(ctx: StepContext): void {
  if (Math.floor(ctx.to / POSITION_EVERY_MS) === Math.floor(ctx.from / POSITION_EVERY_MS)) return;
  const heartbeat = Math.floor(ctx.to / POSITION_HEARTBEAT_MS) !== Math.floor(ctx.from / POSITION_HEARTBEAT_MS);
  const positions: OfficerPosition[] = [];
  for (const officer of ctx.state.officers.values()) {
    if (officer.status !== 'travelling' || !officer.journey || officer.etaAt === null || !officer.suiteId) {
      if (heartbeat && officer.status !== 'off_duty') positions.push({ officerId: officer.id, lat: officer.lat, lng: officer.lng });
      continue;
    }
    const suite = ctx.state.suites.get(officer.suiteId);
    if (!suite) continue;
    const { departedAt, fromLat, fromLng } = officer.journey;
    // They set off once they have acknowledged the move, and take the estimated journey time.
    const setOff = departedAt + ackDelayMs(ctx.seed, officer.id, sentAt(officer));
    const span = officer.etaAt - departedAt;
    const p = interpolate({ lat: fromLat, lng: fromLng }, suite, span > 0 ? (ctx.to - setOff) / span : 1);
    const lat = round5(p.lat);
    const lng = round5(p.lng);
    if (heartbeat || lat !== officer.lat || lng !== officer.lng) positions.push({ officerId: officer.id, lat, lng });
  }
  if (positions.length > 0) ctx.emit(ctx.to, { type: 'officers.moved', data: { positions } });
}
