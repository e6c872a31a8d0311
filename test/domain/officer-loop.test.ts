import { describe, expect, it } from 'vitest';
import type { DomainEvent, ErrorCode, LoggedEvent } from '../../protocol/index.js';
import {
  activeAlerts,
  applyEvents,
  decideAcknowledgeMove,
  decideArrive,
  decideAssign,
  decideCannotAttend,
  decideRecordCheck,
  decideReleaseCheck,
  decideSetAvailability,
  decideStartCheck,
  DEFAULT_ALERT_SETTINGS,
  initialState,
  routeChecks,
  type Checker,
  type Decision,
  type State,
} from '../../server/domain/index.js';
import { arrived, booked, logged, MINUTE, onDuty, reference, T0 } from '../support/reference.js';

const CCU: Checker = { name: 'ccu.ann', officerId: null };
const IO: Checker = { name: 'io.one', officerId: 'MET-IO-01' };

/** MET-IO-01 at Brixton, MET-ICE-01 available; A1 and A2 waiting at Brixton, C1 at Croydon. */
function world(): State {
  const state = initialState(reference);
  applyEvents(state, logged([onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton'), onDuty('MET-ICE-01'), booked('A1'), booked('A2'), booked('C1', 'met-croydon')]));
  return state;
}

/** Stores what a decision decided, as the engine would, by `actor` at `at`. */
function apply(state: State, decision: Decision, actor = 'test', at = T0 + 10 * MINUTE): State {
  if (!decision.ok) throw new Error(`refused: ${decision.rejection.message}`);
  const events = decision.events.map((e, i) => ({ ...e, seq: state.seq + 1 + i, at, recordedAt: at, actor, source: 'command', sourceEventId: null }) as LoggedEvent);
  applyEvents(state, events);
  return state;
}

const refusal = (d: Decision): ErrorCode | null => (d.ok ? null : d.rejection.code);
const facts = (d: Decision): DomainEvent[] => (d.ok ? d.events : []);

/** MET-ICE-01 sent to Croydon by a duty manager at T0 + 10 min. */
function sent(): { state: State; moveSeq: number } {
  const state = world();
  apply(state, decideAssign(state, { officerId: 'MET-ICE-01', suiteId: 'met-croydon', reason: 'Queue at Croydon' }, T0 + 10 * MINUTE), 'dm.jo');
  return { state, moveSeq: state.seq };
}

describe('the officer acknowledges a move', () => {
  it('names the move it acknowledges, and is recorded on the officer', () => {
    const { state, moveSeq } = sent();
    const decision = decideAcknowledgeMove(state, { officerId: 'MET-ICE-01', moveSeq });
    expect(facts(decision)).toEqual([{ type: 'officer.acknowledged', data: { officerId: 'MET-ICE-01', moveSeq } }]);
    apply(state, decision, 'io.ice', T0 + 12 * MINUTE);
    expect(state.officers.get('MET-ICE-01')?.move).toMatchObject({ seq: moveSeq, by: 'dm.jo', reason: 'Queue at Croydon', acknowledgedAt: T0 + 12 * MINUTE });
  });

  it.each([
    ['an older move (the screen had not shown the new one)', (_state: State, seq: number) => ({ officerId: 'MET-ICE-01', moveSeq: seq - 1 }), 'impossible_transition'],
    ['with no move at all', () => ({ officerId: 'MET-IO-01', moveSeq: 1 }), 'impossible_transition'],
    ['an officer not on the roster', () => ({ officerId: 'MET-IO-99', moveSeq: 1 }), 'unknown_officer'],
  ] as const)('refuses %s', (_name, command, code) => {
    const { state, moveSeq } = sent();
    expect(refusal(decideAcknowledgeMove(state, command(state, moveSeq)))).toBe(code);
  });

  it('refuses a second acknowledgement of the same move', () => {
    const { state, moveSeq } = sent();
    apply(state, decideAcknowledgeMove(state, { officerId: 'MET-ICE-01', moveSeq }));
    expect(refusal(decideAcknowledgeMove(state, { officerId: 'MET-ICE-01', moveSeq }))).toBe('impossible_transition');
  });
});

describe('the officer reports arriving', () => {
  it('at the suite they were sent to: the move stays their assignment there', () => {
    const { state, moveSeq } = sent();
    apply(state, decideArrive(state, { officerId: 'MET-ICE-01', suiteId: 'met-croydon' }), 'io.ice', T0 + 40 * MINUTE);
    expect(state.officers.get('MET-ICE-01')).toMatchObject({ status: 'at_suite', suiteId: 'met-croydon', positionAt: T0 + 40 * MINUTE, move: { seq: moveSeq } });
  });

  it.each([
    ['somewhere other than where they were sent', 'MET-ICE-01', 'met-brixton', 'impossible_transition'],
    ['at a closed suite', 'MET-ICE-01', 'met-kilburn', 'suite_closed'],
    ['at another suite while at one', 'MET-IO-01', 'met-croydon', 'impossible_transition'],
    ['while off duty', 'WMP-ICE-01', 'wmp-perry-barr', 'officer_off_duty'],
  ] as const)('refuses arriving %s', (_name, officerId, suiteId, code) => {
    const { state } = sent();
    expect(refusal(decideArrive(state, { officerId, suiteId }))).toBe(code);
  });

  it('a free officer may go to a suite on their own', () => {
    const state = world();
    expect(facts(decideArrive(state, { officerId: 'MET-ICE-01', suiteId: 'met-croydon' }))).toEqual([{ type: 'officer.arrived', data: { officerId: 'MET-ICE-01', suiteId: 'met-croydon' } }]);
  });
});

describe('checks: who took one, and who may record it', () => {
  it('an officer at the suite starts a check face to face, as themselves; the case shows who took it and since when', () => {
    const state = world();
    const start = decideStartCheck(state, { custodyRef: 'A1', mode: 'face_to_face' }, IO);
    expect(facts(start)).toEqual([{ type: 'check.started', data: { custodyRef: 'A1', officerId: 'MET-IO-01', mode: 'face_to_face' } }]);
    apply(state, start, 'io.one', T0 + 20 * MINUTE);
    expect(state.cases.get('A1')?.checkStarted).toEqual({ at: T0 + 20 * MINUTE, mode: 'face_to_face', officerId: 'MET-IO-01', by: 'io.one' });
  });

  it("an officer cannot check someone at another suite (not theirs), nor before arriving at their own", () => {
    const { state } = sent();
    expect(refusal(decideStartCheck(state, { custodyRef: 'C1', mode: 'face_to_face' }, IO))).toBe('forbidden');
    const onTheWay: Checker = { name: 'io.ice', officerId: 'MET-ICE-01' };
    expect(refusal(decideStartCheck(state, { custodyRef: 'C1', mode: 'face_to_face' }, onTheWay))).toBe('impossible_transition');
  });

  it('only whoever took a check records it; a duty manager can release it for another to take', () => {
    const state = world();
    apply(state, decideStartCheck(state, { custodyRef: 'A1', mode: 'remote' }, CCU), 'ccu.ann');
    const other: Checker = { name: 'ccu.bob', officerId: null };
    expect(refusal(decideRecordCheck(state, { custodyRef: 'A1', mode: 'remote', outcome: 'no_trace' }, other))).toBe('forbidden');
    expect(refusal(decideRecordCheck(state, { custodyRef: 'A1', mode: 'face_to_face', outcome: 'no_trace' }, IO))).toBe('forbidden');
    expect(refusal(decideStartCheck(state, { custodyRef: 'A1', mode: 'remote' }, other))).toBe('impossible_transition');
    expect(facts(decideRecordCheck(state, { custodyRef: 'A1', mode: 'remote', outcome: 'no_trace' }, CCU))).toHaveLength(1);

    const release = decideReleaseCheck(state, { custodyRef: 'A1', note: 'Ann went home' });
    expect(facts(release)).toEqual([{ type: 'check.released', data: { custodyRef: 'A1', note: 'Ann went home' } }]);
    apply(state, release, 'dm.jo');
    expect(state.cases.get('A1')?.checkStarted).toBeNull();
    expect(facts(decideRecordCheck(state, { custodyRef: 'A1', mode: 'remote', outcome: 'no_trace' }, other))).toHaveLength(1);
    expect(refusal(decideReleaseCheck(state, { custodyRef: 'A1', note: null }))).toBe('impossible_transition');
  });

  it('recording a check nobody took implies taking it', () => {
    const state = world();
    expect(facts(decideRecordCheck(state, { custodyRef: 'A2', mode: 'face_to_face', outcome: 'lawfully_present' }, IO))).toEqual([
      { type: 'check.completed', data: { custodyRef: 'A2', officerId: 'MET-IO-01', mode: 'face_to_face', outcome: 'lawfully_present' } },
    ]);
  });
});

describe('"cannot attend"', () => {
  it('sends the case to the CCU queue and tells the duty managers why at once', () => {
    const state = world();
    // One officer at Brixton clears both A1 and A2 in time: nobody is in the CCU queue.
    expect(routeChecks(state, T0 + 10 * MINUTE).ccuQueue.map((c) => c.custodyRef)).not.toContain('A1');
    const decision = decideCannotAttend(state, { custodyRef: 'A1', officerId: 'MET-IO-01', reason: 'detainee_unavailable', note: 'At hospital' });
    apply(state, decision, 'io.one', T0 + 11 * MINUTE);
    expect(state.cases.get('A1')?.declined).toEqual({ at: T0 + 11 * MINUTE, officerId: 'MET-IO-01', reason: 'detainee_unavailable', note: 'At hospital' });
    const routing = routeChecks(state, T0 + 12 * MINUTE);
    expect(routing.ccuQueue.map((c) => c.custodyRef)).toContain('A1');
    const alert = activeAlerts(state, routing, T0 + 12 * MINUTE).find((a) => a.kind === 'cannot_attend');
    expect(alert).toMatchObject({ id: 'cannot_attend:A1', suiteId: 'met-brixton', custodyRef: 'A1', since: T0 + 11 * MINUTE, acknowledged: null });
    expect(alert?.message).toMatch(/MET-IO-01 cannot attend A1 at Brixton: Detainee not available.*At hospital.*CCU queue/);
  });

  it.each([
    ['someone at another suite', { custodyRef: 'C1', officerId: 'MET-IO-01', reason: 'end_of_shift', note: null }, 'forbidden'],
    ['"other" without saying why', { custodyRef: 'A1', officerId: 'MET-IO-01', reason: 'other', note: null }, 'reason_required'],
    ['a case nobody booked', { custodyRef: 'Z9', officerId: 'MET-IO-01', reason: 'end_of_shift', note: null }, 'unknown_case'],
    ['as a free officer (not at or going to the suite)', { custodyRef: 'A1', officerId: 'MET-ICE-01', reason: 'end_of_shift', note: null }, 'forbidden'],
  ] as const)('refuses %s', (_name, command, code) => {
    expect(refusal(decideCannotAttend(world(), command))).toBe(code);
  });
});

describe('available and off duty', () => {
  it('an officer at a suite becomes free (leaving it), or goes off duty', () => {
    const state = world();
    apply(state, decideSetAvailability(state, { officerId: 'MET-IO-01', status: 'available' }));
    expect(state.officers.get('MET-IO-01')).toMatchObject({ status: 'available', suiteId: null, move: null });
    apply(state, decideSetAvailability(state, { officerId: 'MET-IO-01', status: 'off_duty' }));
    expect(state.officers.get('MET-IO-01')?.status).toBe('off_duty');
  });

  it('not with a check they took still unrecorded, not "available" on the road, not twice', () => {
    const state = world();
    apply(state, decideStartCheck(state, { custodyRef: 'A1', mode: 'face_to_face' }, IO), 'io.one');
    expect(decideSetAvailability(state, { officerId: 'MET-IO-01', status: 'off_duty' })).toMatchObject({ ok: false, rejection: { message: expect.stringMatching(/check under way for A1/) } });
    const { state: moving } = sent();
    expect(refusal(decideSetAvailability(moving, { officerId: 'MET-ICE-01', status: 'available' }))).toBe('impossible_transition');
    expect(refusal(decideSetAvailability(moving, { officerId: 'WMP-ICE-01', status: 'off_duty' }))).toBe('impossible_transition');
  });
});

describe('an unacknowledged move raises an alert to the duty managers', () => {
  const alertsAt = (state: State, at: number) => activeAlerts(state, routeChecks(state, at), at, DEFAULT_ALERT_SETTINGS).filter((a) => a.kind === 'move_unacknowledged');

  it('after the configured time, at the destination suite; gone once the officer acknowledges', () => {
    const { state, moveSeq } = sent();
    expect(alertsAt(state, T0 + 14 * MINUTE)).toEqual([]);
    const [alert] = alertsAt(state, T0 + 16 * MINUTE);
    expect(alert).toMatchObject({ id: 'move_unacknowledged:MET-ICE-01', suiteId: 'met-croydon', custodyRef: null, since: T0 + 15 * MINUTE });
    expect(alert?.message).toBe('MET-ICE-01 has not acknowledged the move to Croydon sent at 14:10');
    apply(state, decideAcknowledgeMove(state, { officerId: 'MET-ICE-01', moveSeq }), 'io.ice', T0 + 17 * MINUTE);
    expect(alertsAt(state, T0 + 18 * MINUTE)).toEqual([]);
  });

  it("a duty manager's acknowledgement of the alert covers that move only, not the next one", () => {
    const { state } = sent();
    apply(state, { ok: true, events: [{ type: 'alert.acknowledged', data: { alertId: 'move_unacknowledged:MET-ICE-01', note: 'Phoned him' } }] }, 'dm.jo', T0 + 16 * MINUTE);
    expect(alertsAt(state, T0 + 17 * MINUTE)[0]?.acknowledged).toMatchObject({ by: 'dm.jo' });
    apply(state, decideAssign(state, { officerId: 'MET-ICE-01', suiteId: 'met-brixton', reason: 'Changed plan' }, T0 + 20 * MINUTE), 'dm.jo', T0 + 20 * MINUTE);
    expect(alertsAt(state, T0 + 26 * MINUTE)[0]).toMatchObject({ suiteId: 'met-brixton', acknowledged: null });
  });
});
