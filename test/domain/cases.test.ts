import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../protocol/index.js';
import {
  applyEvents,
  caseView,
  checkFact,
  decidePublishHighHarm,
  etdRequired,
  evaluateHighHarm,
  findCase,
  initialState,
  nonAttendanceOf,
  type State,
} from '../../server/domain/index.js';
import { booked, checked, highHarmV1, HOUR, logged, MINUTE, onDuty, publishedV1, reference, released, T0 } from '../support/reference.js';

type Fact = Parameters<typeof logged>[0][number];

/** High Harm v1 published, then the facts one minute apart from T0. */
function stateOf(facts: Fact[]): State {
  const state = initialState(reference);
  applyEvents(state, logged([publishedV1(), ...facts]));
  return state;
}

describe('a case from arrest to outcome', () => {
  it('collects each milestone and stays released once released', () => {
    const state = stateOf([
      booked('A1'),
      { type: 'case.referred', data: { custodyRef: 'A1' } },
      { type: 'check.started', data: { custodyRef: 'A1', officerId: 'MET-IO-01', mode: 'face_to_face' } },
      { type: 'check.completed', data: { custodyRef: 'A1', officerId: 'MET-IO-01', mode: 'face_to_face', outcome: 'immigration_offender' } },
      { type: 'decision.made', data: { custodyRef: 'A1', officerId: 'MET-IO-01', decision: 'detained_immigration_powers' } },
      released('A1'),
    ]);
    const view = caseView(findCase(state, 'A1')!);
    expect(view.referredAt).toBe(T0 + 2 * MINUTE);
    expect(view.check).toMatchObject({ outcome: 'immigration_offender', officerId: 'MET-IO-01' });
    expect(view.released).toMatchObject({ disposal: 'bailed' });
    expect(view.nonAttendance).toBeNull();
    expect(state.cases.has('A1')).toBe(false);
    expect(state.closedCases.has('A1')).toBe(true);
    expect(state.suites.get('met-brixton')).toMatchObject({ inCustody: 0, pendingChecks: 0 });
  });

  it('refuses impossible transitions: checking after release, releasing twice, checking twice', () => {
    const state = stateOf([booked('A1'), checked('A1'), released('A1')]);
    const releasedAt = findCase(state, 'A1')!.released!.at;
    const later = releasedAt + MINUTE;
    expect(checkFact(state, { type: 'check.started', data: { custodyRef: 'A1', officerId: null, mode: 'remote' } }, later)?.code).toBe('case_released');
    expect(checkFact(state, released('A1') as DomainEvent, later)?.code).toBe('case_released');
    expect(checkFact(state, checked('A1') as DomainEvent, releasedAt - MINUTE)?.code).toBe('already_checked');
    // A fact from before the release, arriving late, is history and is accepted.
    expect(checkFact(state, { type: 'case.referred', data: { custodyRef: 'A1' } }, releasedAt - 10 * MINUTE)).toBeNull();
  });

  it('a transfer moves the person, and their counts, to the new suite', () => {
    const state = stateOf([booked('A1'), { type: 'case.transferred', data: { custodyRef: 'A1', toSuiteId: 'met-croydon' } }]);
    expect(findCase(state, 'A1')!.suiteId).toBe('met-croydon');
    expect(state.suites.get('met-brixton')).toMatchObject({ inCustody: 0, pendingChecks: 0 });
    expect(state.suites.get('met-croydon')).toMatchObject({ inCustody: 1, pendingChecks: 1 });
    // Footfall and coverage still count where the person arrived.
    expect(state.suites.get('met-brixton')!.days['2026-11-24']!.arrivals).toBe(1);
  });
});

describe('non-attendance (recommendation 2)', () => {
  const release = (facts: Fact[]) => stateOf([onDuty('MET-ICE-01'), booked('A1'), ...facts, released('A1')]);

  it('a referral minutes before release is "not referred in time"', () => {
    const state = release([{ type: 'case.referred', data: { custodyRef: 'A1' } }]);
    // Referred 1 minute after booking, released 3 minutes later: too late to attend.
    expect(nonAttendanceOf(findCase(state, 'A1')!)).toEqual({ reason: 'not_referred_in_time', auto: true, note: null });
  });

  it('a timely referral, nobody free: "no officer available"; nobody on duty: "outside staffed hours"', () => {
    const state = initialState(reference);
    applyEvents(state, logged([booked('A1', 'met-brixton', T0 - 3 * HOUR)], 1, T0 - 3 * HOUR));
    applyEvents(state, logged([{ type: 'case.referred', data: { custodyRef: 'A1' } }], 2, T0 - 3 * HOUR));
    applyEvents(state, logged([released('A1')], 3, T0));
    expect(nonAttendanceOf(state.closedCases.get('A1')!)?.reason).toBe('outside_staffed_hours');

    const staffed = initialState(reference);
    applyEvents(staffed, logged([onDuty('MET-ICE-01'), booked('A1', 'met-brixton', T0 - 3 * HOUR), { type: 'case.referred', data: { custodyRef: 'A1' } }], 1, T0 - 3 * HOUR));
    applyEvents(staffed, logged([released('A1')], 4, T0));
    expect(nonAttendanceOf(staffed.closedCases.get('A1')!)?.reason).toBe('no_officer_available');
  });

  it('no non-attendance when lawfully present (remote check), or when an officer attended', () => {
    const remoteClear = release([{ type: 'check.completed', data: { custodyRef: 'A1', officerId: null, mode: 'remote', outcome: 'lawfully_present' } }]);
    expect(nonAttendanceOf(findCase(remoteClear, 'A1')!)).toBeNull();
    const attended = release([
      { type: 'check.completed', data: { custodyRef: 'A1', officerId: null, mode: 'remote', outcome: 'immigration_offender' } },
      { type: 'interview.held', data: { custodyRef: 'A1', officerId: 'MET-ICE-01' } },
    ]);
    expect(nonAttendanceOf(findCase(attended, 'A1')!)).toBeNull();
  });

  it('an offender checked remotely with no officer attending is a non-attendance, counted on the release day', () => {
    const state = release([{ type: 'check.completed', data: { custodyRef: 'A1', officerId: null, mode: 'remote', outcome: 'immigration_offender' } }]);
    expect(nonAttendanceOf(findCase(state, 'A1')!)).not.toBeNull();
    expect(state.suites.get('met-brixton')!.days['2026-11-24']!.nonAttendances).toBe(1);
  });

  it("a duty manager's reason replaces the automatic one", () => {
    const state = release([]);
    applyEvents(state, logged([{ type: 'non_attendance.reason_set', data: { custodyRef: 'A1', reason: 'travel_time', note: 'M25 closed' } }], state.seq + 1));
    expect(nonAttendanceOf(findCase(state, 'A1')!)).toEqual({ reason: 'travel_time', auto: false, note: 'M25 closed' });
  });
});

describe('ETD (recommendation 4)', () => {
  const base: Fact[] = [
    booked('A1'),
    { type: 'check.completed', data: { custodyRef: 'A1', officerId: 'MET-IO-01', mode: 'face_to_face', outcome: 'immigration_offender' } },
  ];
  const decided = (decision: 'papers_served' | 'detained_immigration_powers' | 'no_action'): Fact => ({
    type: 'decision.made',
    data: { custodyRef: 'A1', officerId: 'MET-IO-01', decision },
  });
  const doc = (document: 'valid' | 'none' | 'unknown'): Fact => ({ type: 'travel_document.recorded', data: { custodyRef: 'A1', document } });
  const table: { name: string; facts: Fact[]; required: boolean }[] = [
    { name: 'offender, detained, no document', facts: [...base, decided('detained_immigration_powers'), doc('none')], required: true },
    { name: 'offender, papers served, document unknown', facts: [...base, decided('papers_served')], required: true },
    { name: 'offender with a valid passport', facts: [...base, decided('detained_immigration_powers'), doc('valid')], required: false },
    { name: 'offender, no action', facts: [...base, decided('no_action'), doc('none')], required: false },
    { name: 'lawfully present', facts: [booked('A1'), checked('A1')], required: false },
  ];
  for (const t of table) {
    it(`${t.required ? 'required' : 'not required'}: ${t.name}`, () => {
      expect(etdRequired(findCase(stateOf(t.facts), 'A1')!)).toBe(t.required);
    });
  }
});

describe('High Harm (recommendation 5)', () => {
  const facts = (offenceCategory: 'theft' | 'rape' | 'robbery', more: { intelFlags?: ('gang' | 'organised_crime')[]; priorOffences?: number } = {}) => ({
    offenceCategory,
    intelFlags: more.intelFlags ?? [],
    priorOffences: more.priorOffences ?? 0,
  });
  const v1 = { version: 1, definition: highHarmV1, publishedAt: T0, publishedBy: 'test', reason: 'test' };
  const table: { name: string; f: ReturnType<typeof facts>; region: string; rule: string | null }[] = [
    { name: 'national offence', f: facts('rape'), region: 'Metropolitan Police', rule: 'national: offence rape' },
    { name: 'national flag', f: facts('theft', { intelFlags: ['organised_crime'] }), region: 'Metropolitan Police', rule: 'national: intelligence organised_crime' },
    { name: 'national repeat', f: facts('theft', { priorOffences: 5 }), region: 'Metropolitan Police', rule: 'national: 5+ prior offences' },
    { name: 'regional offence applies only in its region', f: facts('robbery'), region: 'West Midlands Police', rule: 'West Midlands Police: offence robbery' },
    { name: 'regional offence elsewhere', f: facts('robbery'), region: 'Metropolitan Police', rule: null },
    { name: 'regional lower repeat threshold', f: facts('theft', { priorOffences: 4 }), region: 'West Midlands Police', rule: 'West Midlands Police: 4+ prior offences' },
    { name: 'none', f: facts('theft', { priorOffences: 2 }), region: 'Metropolitan Police', rule: null },
  ];
  for (const t of table) {
    it(t.name, () => {
      expect(evaluateHighHarm(v1, t.f, t.region)).toEqual({ highHarm: t.rule !== null, rule: t.rule, version: 1 });
    });
  }

  it('a new version re-judges cases in custody; released cases keep the version that judged them', () => {
    const state = stateOf([booked('OPEN', 'met-brixton', T0, { priorOffences: 4 }), booked('GONE', 'met-brixton', T0, { priorOffences: 4 }), released('GONE')]);
    const stricter = { ...highHarmV1, national: { ...highHarmV1.national, repeatThreshold: 4 } };
    const decision = decidePublishHighHarm(state, stricter, 'Lower national repeat threshold');
    if (!decision.ok) throw new Error(decision.rejection.message);
    applyEvents(state, logged(decision.events, state.seq + 1));
    expect(findCase(state, 'OPEN')!.highHarm).toEqual({ highHarm: true, rule: 'national: 4+ prior offences', version: 2 });
    expect(findCase(state, 'GONE')!.highHarm).toEqual({ highHarm: false, rule: null, version: 1 });
    expect(state.highHarmHistory.map((r) => r.version)).toEqual([1, 2]);
  });

  it('refuses a rule set that loosens the national definition or names an unknown region', () => {
    const state = stateOf([]);
    const looser = { ...highHarmV1, regional: { 'West Midlands Police': { offenceCategories: [], intelFlags: [], repeatThreshold: 7 } } };
    const decision = decidePublishHighHarm(state, looser, 'x');
    expect(!decision.ok && decision.rejection).toMatchObject({ code: 'invalid_rule_set', message: expect.stringMatching(/looser than the national 5/) });
    const unknown = { ...highHarmV1, regional: { Atlantis: { offenceCategories: [], intelFlags: [], repeatThreshold: null } } };
    expect(decidePublishHighHarm(state, unknown, 'x')).toMatchObject({ ok: false, rejection: { message: expect.stringMatching(/Atlantis/) } });
  });
});
