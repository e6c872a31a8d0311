import { beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, deadlineOf, detentionLimits, initialState, type State } from '../../server/domain/index.js';
import { CCU_CAPACITY, REMOTE_MS } from '../../server/simulator/demand-model.js';
import { HOUR, MINUTE, ofType, realReference, simulate, type Accepted } from './harness.js';

describe('simulator: two simulated days through the domain', () => {
  let log: Accepted[];
  let refusals: string[];
  let state: State;
  let warnings: string[];
  beforeAll(async () => {
    const { port, warnings: logged } = await simulate({ seed: 99, hours: 48 });
    warnings = logged;
    log = port.log;
    refusals = port.refusals;
    state = port.state;
  });

  it('emits only facts the domain accepts, and never wants an impossible one', () => {
    expect(log.length).toBeGreaterThan(2000);
    expect(refusals).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('emits every kind of feed fact, in time order', () => {
    const types = [
      'arrest.booked', 'case.referred', 'acro.requested', 'acro.returned', 'check.started', 'check.completed',
      'interview.held', 'decision.made', 'travel_document.recorded', 'etd.applied', 'pace.extended', 'case.transferred',
      'detainee.released', 'officer.rostered', 'officer.arrived', 'officers.moved',
    ] as const;
    const facts = log.filter((e) => e.source === 'simulator');
    for (const type of types) expect(ofType(facts, type).length, type).toBeGreaterThan(0);
    for (let i = 1; i < facts.length; i++) expect(facts[i]!.at).toBeGreaterThanOrEqual(facts[i - 1]!.at);
  });

  it("officers acknowledge, arrive and check through their own commands, recorded as them", () => {
    const commands = log.filter((e) => e.source === 'command' && e.actor.startsWith('simulator: ') && e.actor !== 'simulator: ICE dispatch');
    const byType = new Map<string, number>();
    for (const e of commands) {
      byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
      expect('officerId' in e.data && e.actor).toBe(`simulator: ${'officerId' in e.data ? e.data.officerId : ''}`);
    }
    expect([...byType.keys()].sort()).toEqual(['check.completed', 'check.started', 'officer.acknowledged', 'officer.arrived']);
    // Every face-to-face check is an officer's command; the CCU's remote checks come from its feed.
    expect(ofType(log, 'check.started').every((e) => (e.data.mode === 'face_to_face') === (e.source === 'command'))).toBe(true);
  });

  it('has face-to-face checks done by an officer on duty at that suite', () => {
    const replay: State = initialState(realReference);
    let faceToFace = 0;
    for (const event of log) {
      if (event.type === 'check.completed' && event.data.mode === 'face_to_face') {
        const officer = replay.officers.get(event.data.officerId ?? '');
        expect(officer?.status).toBe('at_suite');
        expect(officer?.suiteId).toBe(replay.cases.get(event.data.custodyRef)?.suiteId);
        faceToFace++;
      }
      if (event.type === 'check.completed' && event.data.mode === 'remote') expect(event.data.officerId).toBeNull();
      applyEvent(replay, event);
    }
    expect(faceToFace).toBeGreaterThan(100);
  });

  it('releases everyone at least 30 minutes inside their limit, extended or not, and takes long enough to check them', () => {
    const released = [...state.closedCases.values()];
    expect(released.length).toBeGreaterThan(500);
    for (const kase of released) {
      expect(kase.released!.at, kase.custodyRef).toBeLessThanOrEqual(deadlineOf(kase) - 30 * MINUTE);
      const base = detentionLimits(kase.region).baseHours;
      // Only an extension lets someone stay past the starting limit.
      if (kase.released!.at > kase.relevantTime + base * HOUR) expect(kase.paceLimitHours).toBeGreaterThan(base);
    }
    const held = released.map((k) => k.released!.at - k.relevantTime);
    const sorted = [...held].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(6 * HOUR);
    expect(median).toBeLessThan(12 * HOUR);
  });

  it('keeps the CCU within its national capacity', () => {
    // A remote check takes at least REMOTE_MS[0]: no more than CCU_CAPACITY can finish in any such span.
    const remote = ofType(log, 'check.completed').filter((e) => e.data.mode === 'remote').map((e) => e.at);
    expect(remote.length).toBeGreaterThan(100);
    for (let i = CCU_CAPACITY; i < remote.length; i++) expect(remote[i]! - remote[i - CCU_CAPACITY]!).toBeGreaterThan(REMOTE_MS[0] - 1);
  });

  it('puts embedded IOs on at their home suite and takes everyone off after their shift', () => {
    const homes = new Map(realReference.officers.map((o) => [o.id, o.homeSuiteId]));
    const rostered = ofType(log, 'officer.rostered');
    const ons = rostered.filter((e) => e.data.status === 'available');
    expect(ons.length).toBeGreaterThan(realReference.officers.length);
    expect(rostered.filter((e) => e.data.status === 'off_duty').length).toBeGreaterThan(realReference.officers.length * 0.8);
    const arrivedAtHome = ofType(log, 'officer.arrived').filter((e) => homes.get(e.data.officerId) === e.data.suiteId);
    const embeddedOns = ons.filter((e) => homes.get(e.data.officerId));
    expect(arrivedAtHome.length).toBeGreaterThanOrEqual(embeddedOns.length);
  });
});
