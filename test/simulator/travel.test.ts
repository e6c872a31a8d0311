import { describe, expect, it } from 'vitest';
import { OUTCOMES_OF_INTEREST, travelMs } from '../../protocol/index.js';
import { applyEvent, initialState } from '../../server/domain/index.js';
import { FakePort, HOUR, MINUTE, ofType, realReference, simulate, TUESDAY } from './harness.js';
import { reference as small } from '../support/reference.js';
import { SimulationClock } from '../../server/simulator/simulation-clock.js';
import { ManualClock } from '../../server/clock.js';
import { ackDelayMs } from '../../server/simulator/officer-acts.js';

/** Distance of p from the segment a→b, in degrees, and how far along it p is (0–1). */
function onSegment(p: { lat: number; lng: number }, a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const dx = b.lng - a.lng;
  const dy = b.lat - a.lat;
  const t = ((p.lng - a.lng) * dx + (p.lat - a.lat) * dy) / (dx * dx + dy * dy);
  const off = Math.hypot(p.lng - (a.lng + t * dx), p.lat - (a.lat + t * dy));
  return { t, off };
}

describe('simulator: officers on the road', () => {
  it('moves an assigned officer along the line once they acknowledge, and they report arriving a journey later', async () => {
    const start = TUESDAY + 9 * HOUR;
    const clock = new SimulationClock(new ManualClock(start), 1);
    const port = new FakePort(small, clock);
    await simulate({ seed: 1, start, hours: 1, port, clock, autoDispatch: false }); // ICE comes on at 08:00
    const officer = port.state.officers.get('MET-ICE-01')!;
    expect(officer.status).toBe('available');
    const suite = port.state.suites.get('met-croydon')!;
    const ack = await port.assign({ officerId: officer.id, suiteId: suite.id, reason: 'test' }, 'test');
    expect(ack.ok).toBe(true);
    const sentAt = clock.now();
    const etaAt = sentAt + travelMs(officer, suite, officer.region);
    expect(etaAt - sentAt).toBeGreaterThan(15 * MINUTE);
    const delay = ackDelayMs(1, officer.id, sentAt);

    await simulate({ seed: 1, start: sentAt, hours: 1, port, clock, autoDispatch: false });
    // The acknowledgement is the officer's own command, naming the move.
    const acks = ofType(port.log, 'officer.acknowledged').filter((e) => e.data.officerId === officer.id);
    expect(acks.map((e) => [e.actor, e.source, e.data.moveSeq])).toEqual([[`simulator: ${officer.id}`, 'command', ack.ok ? ack.data.seq : -1]]);
    expect(acks[0]!.at).toBeGreaterThanOrEqual(sentAt + delay); // stamped when the server received it
    expect(acks[0]!.at).toBeLessThan(sentAt + delay + MINUTE); // in the window it happened in
    const arrivals = ofType(port.log, 'officer.arrived').filter((e) => e.data.officerId === officer.id);
    const moves = ofType(port.log, 'officers.moved')
      .filter((e) => e.at > sentAt && e.seq < arrivals[0]!.seq)
      .flatMap((e) => e.data.positions.filter((p) => p.officerId === officer.id).map((p) => ({ ...p, at: e.at })));
    expect(moves.length).toBeGreaterThan(15); // one a minute while catching up
    let last = 0;
    for (const m of moves) {
      const { t, off } = onSegment(m, officer, suite);
      expect(off).toBeLessThan(1e-4);
      expect(t).toBeCloseTo(Math.min(1, Math.max(0, (m.at - sentAt - delay) / (etaAt - sentAt))), 3);
      expect(t).toBeGreaterThanOrEqual(last);
      expect(m.at).toBeLessThan(etaAt + delay);
      last = t;
    }
    expect(arrivals.map((e) => [e.data.suiteId, e.actor])).toEqual([[suite.id, `simulator: ${officer.id}`]]);
    expect(arrivals[0]!.at - (etaAt + delay)).toBeGreaterThanOrEqual(0);
    expect(arrivals[0]!.at - (etaAt + delay)).toBeLessThan(MINUTE);
    expect(port.state.officers.get(officer.id)).toMatchObject({ status: 'at_suite', suiteId: suite.id, lat: suite.lat, lng: suite.lng });
  });

  it('dispatches ICE officers to offenders to attend and long queues; every journey ends a journey after it was acknowledged, or when the shift does', async () => {
    const { port } = await simulate({ seed: 5, hours: 24 });
    const dispatched = ofType(port.log, 'officer.assigned');
    expect(dispatched.length).toBeGreaterThan(3);
    const state = initialState(realReference);
    const reasons = { attend: 0, queue: 0 };
    for (const event of port.log) {
      if (event.type === 'officer.assigned') {
        expect(event.actor).toBe('simulator: ICE dispatch');
        expect(state.officers.get(event.data.officerId)?.role).toBe('ice_officer');
        const attend = /^(\d+) to attend; queue of \d+ waiting$/.exec(event.data.reason ?? '');
        if (attend) {
          reasons.attend++;
          // Someone at that suite was found to be of interest and no officer has seen them.
          const there = [...state.cases.values()].filter((c) => c.suiteId === event.data.toSuiteId && c.interviewAt === null);
          const ofInterest = there.filter((c) => c.check && (OUTCOMES_OF_INTEREST as readonly string[]).includes(c.check.outcome));
          expect(ofInterest.length).toBeGreaterThanOrEqual(Number(attend[1]));
        } else {
          reasons.queue++;
          expect(event.data.reason).toMatch(/^Queue of \d+ waiting$/);
          expect(state.suites.get(event.data.toSuiteId)!.pendingChecks).toBeGreaterThanOrEqual(3);
        }
      }
      applyEvent(state, event);
    }
    expect(reasons.attend).toBeGreaterThan(0);
    expect(reasons.queue).toBeGreaterThan(0);
    const lateAcks: number[] = [];
    for (const a of dispatched) {
      const due = a.data.etaAt + ackDelayMs(5, a.data.officerId, a.at);
      const end = port.log.find(
        (e) =>
          e.seq > a.seq &&
          ((e.type === 'officer.arrived' && e.data.officerId === a.data.officerId) ||
            (e.type === 'officer.rostered' && e.data.officerId === a.data.officerId)),
      );
      if (end?.type === 'officer.arrived') {
        expect(end.data.suiteId).toBe(a.data.toSuiteId);
        expect(end.at - due).toBeGreaterThanOrEqual(0);
        expect(end.at - due).toBeLessThan(MINUTE); // stamped at the end of the window it happened in
        const acked = port.log.find((e) => e.type === 'officer.acknowledged' && e.data.moveSeq === a.seq);
        expect(acked && acked.seq < end.seq).toBe(true);
        lateAcks.push(acked!.at - a.at);
      } else if (end) expect(end.at).toBeLessThan(due);
      else expect(due).toBeGreaterThan(TUESDAY + 24 * HOUR - MINUTE);
    }
    // Most acknowledge within minutes; a few after the duty managers' 5-minute alert.
    expect(lateAcks.filter((ms) => ms > 5 * MINUTE).length).toBeGreaterThan(0);
    expect(lateAcks.filter((ms) => ms <= 5 * MINUTE).length).toBeGreaterThan(lateAcks.length / 2);
  });
});
