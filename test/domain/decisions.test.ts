import { describe, expect, it } from 'vitest';
import type { DomainEvent, ErrorCode } from '../../protocol/index.js';
import { LONG_MOVE_MS, reasonNeeded, travelMs } from '../../protocol/index.js';
import { applyEvents, checkFact, decideAssign, initialState, type State } from '../../server/domain/index.js';
import { arrived, booked, checked, logged, onDuty, reference, T0 } from '../support/reference.js';

/** MET-IO-01 at Brixton, MET-ICE-01 available, WMP-ICE-01 off duty; A1 waiting at Brixton. */
function world(): State {
  const state = initialState(reference);
  applyEvents(state, logged([onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton'), onDuty('MET-ICE-01'), booked('A1')]));
  return state;
}

describe('decideAssign', () => {
  it('sends an officer from their suite with an ETA from the road-travel estimate', () => {
    const state = world();
    const decision = decideAssign(state, { officerId: 'MET-IO-01', suiteId: 'met-croydon', reason: 'Queue of 6' }, T0);
    const brixton = state.suites.get('met-brixton')!;
    const croydon = state.suites.get('met-croydon')!;
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'officer.assigned',
          data: {
            officerId: 'MET-IO-01',
            origin: { kind: 'at_suite', suiteId: 'met-brixton' },
            toSuiteId: 'met-croydon',
            reason: 'Queue of 6',
            etaAt: T0 + travelMs(brixton, croydon, 'Metropolitan Police'),
            demand: { inCustody: 0, pending: 0 },
            recommended: false,
          },
        },
      ],
    });
  });

  it('a free officer sets off from where they are, named by the nearest open suite; no reason is null', () => {
    const state = world();
    const officer = state.officers.get('MET-ICE-01')!;
    const decision = decideAssign(state, { officerId: 'MET-ICE-01', suiteId: 'met-croydon' }, T0);
    // MET-ICE-01 stands at 51.42, -0.1: about 5 km from Brixton, 5.3 km from Croydon.
    expect(decision.ok && decision.events[0]?.data).toMatchObject({
      origin: { kind: 'available', lat: officer.lat, lng: officer.lng, nearestSuiteId: 'met-brixton' },
      reason: null,
    });
  });

  it('an officer sent elsewhere on the way records the journey the move replaces', () => {
    const state = world();
    const first = decideAssign(state, { officerId: 'MET-ICE-01', suiteId: 'met-croydon' }, T0);
    if (!first.ok) throw new Error('first move refused');
    applyEvents(state, logged(first.events, 5));
    const second = decideAssign(state, { officerId: 'MET-ICE-01', suiteId: 'met-brixton' }, T0 + 60_000);
    expect(second.ok && second.events[0]?.data).toMatchObject({ origin: { kind: 'travelling', suiteId: 'met-croydon' } });
  });

  it('a move into another region, or of more than 90 minutes on the road, needs a reason', () => {
    const state = world();
    const across = decideAssign(state, { officerId: 'MET-ICE-01', suiteId: 'wmp-perry-barr' }, T0);
    expect(!across.ok && across.rejection).toMatchObject({ code: 'reason_required', message: expect.stringMatching(/another region/) });
    const given = decideAssign(state, { officerId: 'MET-ICE-01', suiteId: 'wmp-perry-barr', reason: 'Mutual aid for Birmingham' }, T0);
    expect(given.ok).toBe(true);
    expect(reasonNeeded(state.officers.get('MET-ICE-01')!, state.suites.get('met-croydon')!)).toBeNull();
    // Within a region, only the road estimate decides: London to a point ~200 km north is well over 90 minutes.
    const far = { lat: 53.2, lng: -0.1, region: 'Metropolitan Police' };
    expect(travelMs(state.officers.get('MET-ICE-01')!, far, 'Metropolitan Police')).toBeGreaterThan(LONG_MOVE_MS);
    expect(reasonNeeded(state.officers.get('MET-ICE-01')!, far)).toBe('long');
  });

  const rejections: { name: string; officerId: string; suiteId: string; code: ErrorCode }[] = [
    { name: 'unknown officer', officerId: 'MET-IO-99', suiteId: 'met-croydon', code: 'unknown_officer' },
    { name: 'unknown suite', officerId: 'MET-IO-01', suiteId: 'met-nowhere', code: 'unknown_suite' },
    { name: 'closed suite', officerId: 'MET-IO-01', suiteId: 'met-kilburn', code: 'suite_closed' },
    { name: 'officer off duty', officerId: 'WMP-ICE-01', suiteId: 'wmp-perry-barr', code: 'officer_off_duty' },
    { name: 'already at that suite', officerId: 'MET-IO-01', suiteId: 'met-brixton', code: 'already_assigned' },
  ];
  for (const r of rejections) {
    it(`refuses: ${r.name}`, () => {
      const decision = decideAssign(world(), { officerId: r.officerId, suiteId: r.suiteId }, T0);
      expect(decision.ok).toBe(false);
      if (!decision.ok) {
        expect(decision.rejection.code).toBe(r.code);
        expect(decision.rejection.message.length).toBeGreaterThan(10);
      }
    });
  }

  it('refuses a second move to where the officer is already heading', () => {
    const state = world();
    const first = decideAssign(state, { officerId: 'MET-ICE-01', suiteId: 'met-croydon' }, T0);
    if (!first.ok) throw new Error('first move refused');
    applyEvents(state, logged(first.events, 5));
    const again = decideAssign(state, { officerId: 'MET-ICE-01', suiteId: 'met-croydon' }, T0);
    expect(!again.ok && again.rejection.message).toMatch(/already on the way to Croydon/);
  });
});

describe('checkFact: facts from feeds that do not fit are refused', () => {
  const table: { name: string; fact: DomainEvent; code: ErrorCode | null }[] = [
    { name: 'a booking at an open suite', fact: booked('B1') as DomainEvent, code: null },
    { name: 'a booking at a closed suite', fact: booked('B1', 'met-kilburn') as DomainEvent, code: 'suite_closed' },
    { name: 'a booking at an unknown suite', fact: booked('B1', 'met-atlantis') as DomainEvent, code: 'unknown_suite' },
    { name: 'a booking of someone already in custody', fact: booked('A1') as DomainEvent, code: 'duplicate_case' },
    { name: 'a check of someone never booked', fact: checked('Z9') as DomainEvent, code: 'unknown_case' },
    { name: 'a check by an unknown officer', fact: checked('A1', 'MET-IO-77') as DomainEvent, code: 'unknown_officer' },
    { name: 'a remote check', fact: checked('A1', null) as DomainEvent, code: null },
    { name: 'a release of someone never booked', fact: { type: 'detainee.released', data: { custodyRef: 'Z9', disposal: 'charged' } }, code: 'unknown_case' },
    { name: 'positions of an unknown officer', fact: { type: 'officers.moved', data: { positions: [{ officerId: 'X-1', lat: 51, lng: 0 }] } }, code: 'unknown_officer' },
    { name: 'arrival at an unknown suite', fact: { type: 'officer.arrived', data: { officerId: 'MET-IO-01', suiteId: 'nope' } }, code: 'unknown_suite' },
  ];
  for (const t of table) {
    it(`${t.code ? 'refuses' : 'accepts'} ${t.name}`, () => {
      expect(checkFact(world(), t.fact, T0)?.code ?? null).toBe(t.code);
    });
  }

  it('refuses a second check of the same person', () => {
    const state = world();
    applyEvents(state, logged([checked('A1')], 5));
    expect(checkFact(state, checked('A1') as DomainEvent, T0)?.code).toBe('already_checked');
  });
});
