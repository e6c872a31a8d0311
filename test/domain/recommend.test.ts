import { describe, expect, it } from 'vitest';
import { travelMs } from '../../protocol/index.js';
import { applyEvents, initialState, recommendMoves, type State } from '../../server/domain/index.js';
import { arrived, booked, HOUR, logged, MINUTE, onDuty, publishedV1, reference, T0 } from '../support/reference.js';

type Fact = Parameters<typeof logged>[0][number];

/** A hand-made world: the High Harm rules, then the facts given, logged a minute apart from T0. */
function world(facts: readonly Fact[]): State {
  const state = initialState(reference);
  applyEvents(state, logged([publishedV1(), ...facts], 1, T0));
  return state;
}

/** `n` people waiting at a suite, booked `hoursAgo` before T0 (so their clocks run out 24 h after that). */
const waiting = (suiteId: string, n: number, hoursAgo = 1, prefix = suiteId): Fact[] =>
  Array.from({ length: n }, (_, i) => booked(`${prefix}-${i}`, suiteId, T0 - hoursAgo * HOUR));
const highHarm = (ref: string, suiteId: string): Fact => booked(ref, suiteId, T0 - HOUR, { offenceCategory: 'rape' });

/** Brief summary of each move: who goes where and what it gains. */
const moves = (state: State, now = T0 + 30 * MINUTE) =>
  recommendMoves(state, now).map((r) => ({ officer: r.officerId, to: r.toSuiteId, gain: r.gain }));

const cases: { name: string; facts: Fact[]; expected: { officer: string; to: string; gain: number }[] }[] = [
  {
    name: 'nobody waiting: no moves',
    facts: [onDuty('MET-ICE-01'), onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton')],
    expected: [],
  },
  {
    name: 'one free officer, two suites: goes where more are checked in time (3 at Croydon, not 1 at Brixton)',
    facts: [onDuty('MET-ICE-01'), ...waiting('met-brixton', 1), ...waiting('met-croydon', 3)],
    expected: [{ officer: 'MET-ICE-01', to: 'met-croydon', gain: 3 }],
  },
  {
    name: 'an officer needed at home is not moved (3 there would go unchecked for 2 gained)',
    facts: [onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton'), ...waiting('met-brixton', 3), ...waiting('met-croydon', 2)],
    expected: [],
  },
  {
    name: 'an officer whose own queue is empty is moved: nothing is lost at home',
    facts: [onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton'), ...waiting('met-croydon', 2)],
    expected: [{ officer: 'MET-IO-01', to: 'met-croydon', gain: 2 }],
  },
  {
    name: 'the move is net of the loss at home (4 gained, 1 lost)',
    facts: [onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton'), ...waiting('met-brixton', 1), ...waiting('met-croydon', 4)],
    expected: [{ officer: 'MET-IO-01', to: 'met-croydon', gain: 3 }],
  },
  {
    name: 'equal gains: the suite with a High Harm case wins, though it is further away',
    facts: [onDuty('MET-ICE-01'), ...waiting('met-brixton', 1), highHarm('HH-1', 'met-croydon')],
    expected: [{ officer: 'MET-ICE-01', to: 'met-croydon', gain: 1 }],
  },
  {
    name: 'equal gains and no High Harm: the shorter journey wins',
    facts: [onDuty('MET-ICE-01'), ...waiting('met-brixton', 1), ...waiting('met-croydon', 1)],
    expected: [{ officer: 'MET-ICE-01', to: 'met-brixton', gain: 1 }],
  },
  {
    name: 'an officer of another region is not sent, however long the queue',
    facts: [onDuty('WMP-ICE-01'), ...waiting('met-croydon', 6)],
    expected: [],
  },
  {
    name: 'each region sends its own officers to its own suites',
    facts: [onDuty('WMP-ICE-01'), onDuty('MET-ICE-01'), ...waiting('met-croydon', 2), ...waiting('wmp-perry-barr', 1)],
    expected: [
      { officer: 'MET-ICE-01', to: 'met-croydon', gain: 2 },
      { officer: 'WMP-ICE-01', to: 'wmp-perry-barr', gain: 1 },
    ],
  },
  {
    name: 'travel too long to make any deadline: no move (clocks run out in 1 h; a check and the margin need 1 h)',
    facts: [onDuty('MET-ICE-01'), ...waiting('met-croydon', 3, 23)],
    expected: [],
  },
  {
    name: 'two free officers, two queues: one each, not both to the longer queue',
    facts: [onDuty('MET-ICE-01'), onDuty('MET-IO-01'), ...waiting('met-brixton', 2), ...waiting('met-croydon', 3)],
    expected: [
      { officer: 'MET-ICE-01', to: 'met-croydon', gain: 3 },
      { officer: 'MET-IO-01', to: 'met-brixton', gain: 2 },
    ],
  },
  {
    name: 'two free officers, one queue too urgent for one: both go there',
    // Four cases with 4 h left: one officer can do 3 (45 min each, 15 min margin, after ~25 min travel).
    facts: [onDuty('MET-ICE-01'), onDuty('MET-IO-01'), ...waiting('met-croydon', 4, 20)],
    expected: [
      { officer: 'MET-ICE-01', to: 'met-croydon', gain: 3 },
      { officer: 'MET-IO-01', to: 'met-croydon', gain: 1 },
    ],
  },
];

describe('recommended moves', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(moves(world(c.facts))).toEqual(c.expected);
    });
  }

  it('closed suites are never destinations', () => {
    const state = world([onDuty('MET-ICE-01'), ...waiting('met-croydon', 2)]);
    state.suites.set('met-croydon', { ...state.suites.get('met-croydon')!, open: false });
    expect(moves(state)).toEqual([]);
  });

  it('an officer in the middle of a check at their suite is not moved', () => {
    const state = world([
      onDuty('MET-IO-01'),
      arrived('MET-IO-01', 'met-brixton'),
      ...waiting('met-brixton', 1),
      { type: 'check.started', data: { custodyRef: 'met-brixton-0', officerId: 'MET-IO-01', mode: 'face_to_face' } },
      ...waiting('met-croydon', 3),
    ]);
    expect(moves(state)).toEqual([]);
  });

  it('an officer already on the way is counted at the destination, not moved again', () => {
    const state = world([
      onDuty('MET-ICE-01'),
      ...waiting('met-croydon', 2),
      { type: 'officer.assigned', data: { officerId: 'MET-ICE-01', origin: { kind: 'not_recorded' }, toSuiteId: 'met-croydon', reason: null, etaAt: T0 + HOUR, demand: null, recommended: false } },
      onDuty('MET-IO-01'),
    ]);
    expect(moves(state)).toEqual([]);
  });

  it('explains each move in a line: suite, waiting, High Harm, who and how far', () => {
    const state = world([onDuty('MET-ICE-01'), ...waiting('met-croydon', 2), highHarm('HH-1', 'met-croydon')]);
    const minutes = Math.round(travelMs(state.officers.get('MET-ICE-01')!, state.suites.get('met-croydon')!, 'Metropolitan Police') / MINUTE);
    expect(recommendMoves(state, T0 + 30 * MINUTE)).toEqual([
      {
        id: 'MET-ICE-01>met-croydon',
        officerId: 'MET-ICE-01',
        fromSuiteId: null,
        toSuiteId: 'met-croydon',
        travelMinutes: minutes,
        gain: 3,
        explanation: `Croydon: 3 waiting, 1 High Harm, nearest free officer ${minutes} min away`,
      },
    ]);
  });

  it('counts attendance: people found of interest remotely, whom no IO has seen, are worth a move too', () => {
    const remote = (ref: string): Fact[] => [
      booked(ref, 'met-croydon', T0 - HOUR),
      { type: 'check.completed', data: { custodyRef: ref, officerId: null, mode: 'remote', outcome: 'immigration_offender' } },
    ];
    // Nobody waits for a check at Croydon, but two offenders there need an officer before release.
    const state = world([onDuty('MET-ICE-01'), ...remote('ATT-1'), ...remote('ATT-2'), ...waiting('met-brixton', 1)]);
    const [move] = recommendMoves(state, T0 + 30 * MINUTE);
    expect(move).toMatchObject({ officerId: 'MET-ICE-01', toSuiteId: 'met-croydon', gain: 2, explanation: expect.stringMatching(/^Croydon: 0 waiting, 2 to attend, nearest free officer \d+ min away$/) });
    // Someone checked remotely and found lawfully present needs nobody; nor does an offender already interviewed.
    const settled = world([
      onDuty('MET-ICE-01'),
      booked('OK-1', 'met-croydon', T0 - HOUR),
      { type: 'check.completed', data: { custodyRef: 'OK-1', officerId: null, mode: 'remote', outcome: 'lawfully_present' } },
      ...remote('ATT-3'),
      { type: 'interview.held', data: { custodyRef: 'ATT-3', officerId: 'MET-IO-01' } },
    ]);
    expect(recommendMoves(settled, T0 + 30 * MINUTE)).toEqual([]);
  });

  it('an officer moved from a suite says where from and that nothing is lost there', () => {
    const state = world([onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton'), ...waiting('met-croydon', 2)]);
    const [move] = recommendMoves(state, T0 + 30 * MINUTE);
    expect(move).toMatchObject({ fromSuiteId: 'met-brixton', explanation: expect.stringMatching(/^Croydon: 2 waiting, officer at Brixton \(not needed there\) \d+ min away$/) });
  });

  it('is pure: the same state and time give the same advice, and the state is untouched', () => {
    const state = world([onDuty('MET-ICE-01'), onDuty('MET-IO-01'), ...waiting('met-brixton', 2), ...waiting('met-croydon', 3)]);
    const before = JSON.stringify([...state.officers.values()]);
    expect(recommendMoves(state, T0 + HOUR)).toEqual(recommendMoves(state, T0 + HOUR));
    expect(JSON.stringify([...state.officers.values()])).toBe(before);
  });
});
