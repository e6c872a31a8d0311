import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyEvent, initialState, type State } from '../../server/domain/index.js';
import { HOUR, ofType, realReference, simulate, type Accepted } from './harness.js';

describe('simulator: two simulated days through the domain', () => {
  let log: Accepted[];
  let refusals: string[];
  const warnings: unknown[][] = [];
  beforeAll(async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
    const { port } = await simulate({ seed: 99, hours: 48 });
    warn.mockRestore();
    log = port.log;
    refusals = port.refusals;
  });
  afterEach(() => vi.restoreAllMocks());

  it('emits only facts the domain accepts, and never wants an impossible one', () => {
    expect(log.length).toBeGreaterThan(2000);
    expect(refusals).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('emits every kind of feed fact, in time order', () => {
    for (const type of ['arrest.booked', 'check.completed', 'detainee.released', 'officer.rostered', 'officer.arrived', 'officers.moved'] as const)
      expect(ofType(log, type).length, type).toBeGreaterThan(0);
    for (let i = 1; i < log.length; i++) expect(log[i]!.at).toBeGreaterThanOrEqual(log[i - 1]!.at);
  });

  it('has face-to-face checks done by an officer on duty at that suite', () => {
    const state: State = initialState(realReference);
    let faceToFace = 0;
    for (const event of log) {
      if (event.type === 'check.completed' && event.data.mode === 'face_to_face') {
        const officer = state.officers.get(event.data.officerId ?? '');
        expect(officer?.status).toBe('at_suite');
        expect(officer?.suiteId).toBe(state.cases.get(event.data.custodyRef)?.suiteId);
        faceToFace++;
      }
      if (event.type === 'check.completed' && event.data.mode === 'remote') expect(event.data.officerId).toBeNull();
      applyEvent(state, event);
    }
    expect(faceToFace).toBeGreaterThan(100);
  });

  it('releases everyone within the PACE limit, and takes long enough to check them', () => {
    const booked = new Map(ofType(log, 'arrest.booked').map((e) => [e.data.custodyRef, e.data.relevantTime]));
    const held = ofType(log, 'detainee.released').map((e) => e.at - booked.get(e.data.custodyRef)!);
    expect(held.length).toBeGreaterThan(500);
    expect(Math.max(...held)).toBeLessThanOrEqual(23.5 * HOUR);
    const sorted = [...held].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(6 * HOUR);
    expect(median).toBeLessThan(12 * HOUR);
  });

  it('keeps the CCU within its national capacity', () => {
    // A remote check takes at least 20 minutes: no more than 6 can finish in any 20-minute span.
    const remote = ofType(log, 'check.completed').filter((e) => e.data.mode === 'remote').map((e) => e.at);
    expect(remote.length).toBeGreaterThan(100);
    for (let i = 6; i < remote.length; i++) expect(remote[i]! - remote[i - 6]!).toBeGreaterThan(20 * 60_000 - 1);
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
