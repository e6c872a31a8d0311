import { describe, expect, it } from 'vitest';
import { OUTCOMES_OF_INTEREST, travelMs } from '../../protocol/index.js';
import { applyEvent, initialState } from '../../server/domain/index.js';
import { FakePort, HOUR, MINUTE, ofType, realReference, simulate, TUESDAY } from './harness.js';
import { reference as small } from '../support/reference.js';
import { SimulationClock } from '../../server/simulator/simulation-clock.js';
import { ManualClock } from '../../server/clock.js';

/** Distance of p from the segment a→b, in degrees, and how far along it p is (0–1). */
function onSegment(p: { lat: number; lng: number }, a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const dx = b.lng - a.lng;
  const dy = b.lat - a.lat;
  const t = ((p.lng - a.lng) * dx + (p.lat - a.lat) * dy) / (dx * dx + dy * dy);
  const off = Math.hypot(p.lng - (a.lng + t * dx), p.lat - (a.lat + t * dy));
  return { t, off };
}

describe('simulator: officers on the road', () => {
  it('moves an assigned officer along the line to the suite and reports arrival at the ETA', async () => {
    const start = TUESDAY + 9 * HOUR;
    const clock = new SimulationClock(new ManualClock(start), 1);
    const port = new FakePort(small, clock);
    await simulate({ seed: 1, start, hours: 1, port, clock, autoDispatch: false }); // ICE comes on at 08:00
    const officer = port.state.officers.get('MET-ICE-01')!;
    expect(officer.status).toBe('available');
    const suite = port.state.suites.get('met-croydon')!;
    const ack = await port.assign({ officerId: officer.id, suiteId: suite.id, reason: 'test' }, 'test');
    expect(ack.ok).toBe(true);
    const departedAt = clock.now();
    const etaAt = departedAt + travelMs(officer, suite, officer.region);
    expect(etaAt - departedAt).toBeGreaterThan(15 * MINUTE);

    await simulate({ seed: 1, start: departedAt, hours: 1, port, clock, autoDispatch: false });
    const moves = ofType(port.log, 'officers.moved')
      .filter((e) => e.at > departedAt)
      .flatMap((e) => e.data.positions.filter((p) => p.officerId === officer.id).map((p) => ({ ...p, at: e.at })));
    expect(moves.length).toBeGreaterThan(15); // one a minute while catching up
    let last = 0;
    for (const m of moves) {
      const { t, off } = onSegment(m, officer, suite);
      expect(off).toBeLessThan(1e-4);
      expect(t).toBeCloseTo((m.at - departedAt) / (etaAt - departedAt), 3);
      expect(t).toBeGreaterThanOrEqual(last);
      expect(m.at).toBeLessThan(etaAt);
      last = t;
    }
    const arrivals = ofType(port.log, 'officer.arrived').filter((e) => e.data.officerId === officer.id);
    expect(arrivals.map((e) => [e.at, e.data.suiteId])).toEqual([[etaAt, suite.id]]);
    expect(port.state.officers.get(officer.id)).toMatchObject({ status: 'at_suite', suiteId: suite.id, lat: suite.lat, lng: suite.lng });
  });

  it('dispatches ICE officers to offenders to attend and long queues; every journey ends at its ETA or when the shift does', async () => {
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
    for (const a of dispatched) {
      const end = port.log.find(
        (e) =>
          e.seq > a.seq &&
          ((e.type === 'officer.arrived' && e.data.officerId === a.data.officerId) ||
            (e.type === 'officer.rostered' && e.data.officerId === a.data.officerId)),
      );
      if (end?.type === 'officer.arrived') expect([end.at, end.data.suiteId]).toEqual([a.data.etaAt, a.data.toSuiteId]);
      else if (end) expect(end.at).toBeLessThan(a.data.etaAt);
      else expect(a.data.etaAt).toBeGreaterThan(TUESDAY + 24 * HOUR - MINUTE);
    }
  });
});
