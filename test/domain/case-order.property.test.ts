import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../protocol/index.js';
import { applyEvent, caseView, checkFact, findCase, initialState, serialiseState, type CaseState, type State } from '../../server/domain/index.js';
import { booked, MINUTE, onDuty, publishedV1, reference, T0 } from '../support/reference.js';

type Fact = Pick<LoggedEvent, 'type' | 'data'>;

/** One person's story, each fact at the time it happened; a feed may deliver them in any order. */
const STORY: { fact: Fact; minutes: number }[] = [
  { fact: { type: 'case.referred', data: { custodyRef: 'A1' } }, minutes: 10 },
  { fact: { type: 'acro.requested', data: { custodyRef: 'A1' } }, minutes: 12 },
  { fact: { type: 'check.started', data: { custodyRef: 'A1', officerId: null, mode: 'remote' } }, minutes: 40 },
  { fact: { type: 'check.completed', data: { custodyRef: 'A1', officerId: null, mode: 'remote', outcome: 'immigration_offender' } }, minutes: 80 },
  { fact: { type: 'travel_document.recorded', data: { custodyRef: 'A1', document: 'unknown' } }, minutes: 85 },
  { fact: { type: 'case.transferred', data: { custodyRef: 'A1', toSuiteId: 'met-croydon' } }, minutes: 90 },
  { fact: { type: 'travel_document.recorded', data: { custodyRef: 'A1', document: 'none' } }, minutes: 100 },
  { fact: { type: 'interview.held', data: { custodyRef: 'A1', officerId: 'MET-ICE-01' } }, minutes: 150 },
  { fact: { type: 'decision.made', data: { custodyRef: 'A1', officerId: 'MET-ICE-01', decision: 'detained_immigration_powers' } }, minutes: 170 },
  { fact: { type: 'acro.returned', data: { custodyRef: 'A1', overseasConvictions: true } }, minutes: 200 },
  { fact: { type: 'pace.extended', data: { custodyRef: 'A1', limitHours: 36 } }, minutes: 300 },
  { fact: { type: 'etd.applied', data: { custodyRef: 'A1', officerId: 'MET-ICE-01' } }, minutes: 320 },
  { fact: { type: 'detainee.released', data: { custodyRef: 'A1', disposal: 'charged' } }, minutes: 400 },
];

/** How far along a case is: each step is a milestone that, once reached, stays reached. */
function progress(kase: CaseState): number[] {
  return [kase.referredAt, kase.checkStarted?.at, kase.check?.at, kase.interviewAt, kase.decision?.at, kase.etdAppliedAt, kase.released?.at].map((v) =>
    v === null || v === undefined ? 0 : 1,
  );
}

function start(): State {
  const state = initialState(reference);
  let seq = 0;
  for (const fact of [publishedV1(), onDuty('MET-ICE-01'), booked('A1', 'met-brixton', T0, { priorOffences: 4 })]) {
    applyEvent(state, { ...fact, seq: ++seq, at: T0, recordedAt: T0, actor: 't', source: 't', sourceEventId: null } as LoggedEvent);
    state.seq = seq;
  }
  return state;
}

function deliver(order: number[]): State {
  const state = start();
  let before = progress(findCase(state, 'A1')!);
  for (const i of order) {
    const { fact, minutes } = STORY[i]!;
    const at = T0 + minutes * MINUTE;
    expect(checkFact(state, fact as never, at)).toBeNull();
    applyEvent(state, { ...fact, seq: state.seq + 1, at, recordedAt: T0 + 500 * MINUTE, actor: 'feed', source: 'feed', sourceEventId: null } as LoggedEvent);
    state.seq += 1;
    const now = progress(findCase(state, 'A1')!);
    // Never backwards: no milestone once reached is lost.
    now.forEach((reached, k) => expect(reached).toBeGreaterThanOrEqual(before[k]!));
    before = now;
  }
  return state;
}

describe('late and out-of-order facts about one case', () => {
  const inOrder = deliver(STORY.map((_, i) => i));

  it('delivered in time order, the story ends as told', () => {
    const view = caseView(findCase(inOrder, 'A1')!);
    expect(view).toMatchObject({
      suiteId: 'met-croydon',
      travelDocument: 'none',
      paceLimitHours: 36,
      etd: { required: true, appliedAt: T0 + 320 * MINUTE },
      released: { at: T0 + 400 * MINUTE, disposal: 'charged' },
      nonAttendance: null,
    });
    expect(view.intelFlags).toContain('overseas_convictions');
  });

  it('any delivery order never moves the case backwards and gives the same final state', () => {
    const expected = serialiseState(inOrder);
    fc.assert(
      fc.property(fc.shuffledSubarray(STORY.map((_, i) => i), { minLength: STORY.length, maxLength: STORY.length }), (order) => {
        expect(serialiseState(deliver(order))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
