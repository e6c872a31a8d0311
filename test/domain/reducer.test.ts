import { describe, expect, it } from 'vitest';
import { applyEvents, initialState, type State } from '../../server/domain/index.js';
import { arrived, booked, checked, HOUR, logged, MINUTE, onDuty, reference, released, T0 } from '../support/reference.js';

function stateAfter(facts: Parameters<typeof logged>[0]): State {
  const state = initialState(reference);
  applyEvents(state, logged(facts));
  return state;
}

describe('reducer: custody demand', () => {
  const cases: { name: string; facts: Parameters<typeof logged>[0]; inCustody: number; pending: number; open: string[] }[] = [
    { name: 'an arrival is in custody and waiting', facts: [booked('A1')], inCustody: 1, pending: 1, open: ['A1'] },
    { name: 'a check clears the wait, not the custody', facts: [booked('A1'), checked('A1')], inCustody: 1, pending: 0, open: ['A1'] },
    { name: 'a release after a check leaves nothing', facts: [booked('A1'), checked('A1'), released('A1')], inCustody: 0, pending: 0, open: [] },
    { name: 'a release before a check also clears the wait', facts: [booked('A1'), released('A1')], inCustody: 0, pending: 0, open: [] },
    { name: 'two arrivals, one checked', facts: [booked('A1'), booked('A2'), checked('A2')], inCustody: 2, pending: 1, open: ['A1', 'A2'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const state = stateAfter(c.facts);
      const brixton = state.suites.get('met-brixton')!;
      expect([brixton.inCustody, brixton.pendingChecks]).toEqual([c.inCustody, c.pending]);
      expect([...state.cases.keys()].sort()).toEqual(c.open);
    });
  }

  it('counts footfall by Europe/London hour, across the clocks going forward', () => {
    // 2026-03-29 01:30 GMT is 02:30 BST: the local hour 01 does not exist that night.
    const beforeChange = Date.parse('2026-03-29T00:30:00Z'); // 00:30 GMT
    const afterChange = Date.parse('2026-03-29T01:30:00Z'); // 02:30 BST
    const state = stateAfter([booked('A1', 'met-brixton', beforeChange), booked('A2', 'met-brixton', afterChange)]);
    const hours = state.suites.get('met-brixton')!.footfall['2026-03-29']!;
    expect(hours[0]).toBe(1);
    expect(hours[1]).toBe(0);
    expect(hours[2]).toBe(1);
  });

  it('counts an arrival at 23:30 BST on the London day, not the UTC one', () => {
    const lateEvening = Date.parse('2026-07-01T22:30:00Z'); // 23:30 BST, 1 July
    const state = stateAfter([booked('A1', 'met-brixton', lateEvening)]);
    expect(state.suites.get('met-brixton')!.footfall['2026-07-01']![23]).toBe(1);
  });

  it('keeps only the last 29 days of footfall (four weeks before today, for the forecast)', () => {
    const facts = Array.from({ length: 31 }, (_, d) => booked(`D${d}`, 'met-brixton', T0 + d * 24 * HOUR));
    const days = Object.keys(stateAfter(facts).suites.get('met-brixton')!.footfall).sort();
    expect(days).toHaveLength(29);
    expect(days[0]).toBe('2026-11-26');
    expect(days.at(-1)).toBe('2026-12-24');
  });
});

describe('reducer: officers', () => {
  it('rostering on makes an officer available with no deployment', () => {
    const officer = stateAfter([onDuty('MET-ICE-01')]).officers.get('MET-ICE-01')!;
    expect(officer).toMatchObject({ status: 'available', suiteId: null, journey: null });
  });

  it('an assignment sets off a journey from where the officer is, and arrival ends it at the suite', () => {
    const state = stateAfter([
      onDuty('MET-IO-01'),
      arrived('MET-IO-01', 'met-brixton'),
      { type: 'officer.assigned', data: { officerId: 'MET-IO-01', origin: { kind: 'at_suite', suiteId: 'met-brixton' }, toSuiteId: 'met-croydon', reason: 'queue', etaAt: T0 + HOUR, demand: null, recommended: false } },
    ]);
    const travelling = state.officers.get('MET-IO-01')!;
    expect(travelling).toMatchObject({ status: 'travelling', suiteId: 'met-croydon', etaAt: T0 + HOUR });
    expect(travelling.move).toEqual({ seq: 3, at: T0 + 2 * MINUTE, by: 'test', reason: 'queue', toSuiteId: 'met-croydon', origin: { kind: 'at_suite', suiteId: 'met-brixton' }, acknowledgedAt: null });
    expect(travelling.journey).toMatchObject({ fromLat: 51.465, fromLng: -0.1121 });
    expect(state.assignments[0]).toMatchObject({ seq: 3, officerId: 'MET-IO-01', toSuiteId: 'met-croydon', reason: 'queue', demand: null, recommended: false });

    applyEvents(state, logged([arrived('MET-IO-01', 'met-croydon')], 4));
    expect(state.officers.get('MET-IO-01')).toMatchObject({ status: 'at_suite', suiteId: 'met-croydon', lat: 51.3733, journey: null, etaAt: null, positionAt: T0 });
    // The move that brought them stays their assignment at the suite.
    expect(state.officers.get('MET-IO-01')?.move?.seq).toBe(3);
  });

  it('moves positions in a batch and records the sequence number and time', () => {
    const state = stateAfter([
      { type: 'officers.moved', data: { positions: [{ officerId: 'MET-ICE-01', lat: 51.4, lng: -0.2 }, { officerId: 'WMP-ICE-01', lat: 52.5, lng: -1.8 }] } },
    ]);
    expect(state.officers.get('MET-ICE-01')).toMatchObject({ lat: 51.4, lng: -0.2 });
    expect(state.officers.get('WMP-ICE-01')).toMatchObject({ lat: 52.5, lng: -1.8 });
    expect(state.seq).toBe(1);
    expect(state.lastEventAt).toBe(T0);
  });

  it('closing and reopening a suite', () => {
    const state = stateAfter([{ type: 'suite.closed', data: { suiteId: 'met-croydon' } }]);
    expect(state.suites.get('met-croydon')!.open).toBe(false);
    applyEvents(state, logged([{ type: 'suite.reopened', data: { suiteId: 'met-croydon' } }], 2));
    expect(state.suites.get('met-croydon')!.open).toBe(true);
  });

  it('never mutates an entity another state shares', () => {
    const state = stateAfter([booked('A1')]);
    const before = state.suites.get('met-brixton');
    applyEvents(state, logged([checked('A1')], 2));
    expect(before!.pendingChecks).toBe(1);
    expect(state.suites.get('met-brixton')!.pendingChecks).toBe(0);
  });
});
