import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../protocol/index.js';
import { applyEvents, checkFact, findCase, initialState, serialiseState, type State } from '../../server/domain/index.js';
import { booked, checked, HOUR, logged, MINUTE, reference, released, T0 } from '../support/reference.js';

const DAY = 24 * HOUR;

type Fact = Parameters<typeof logged>[0][number];
const outcome = (custodyRef: string, o: Extract<LoggedEvent, { type: 'outcome.recorded' }>['data']['outcome']): Fact => ({
  type: 'outcome.recorded',
  data: { custodyRef, outcome: o },
});

function fold(events: LoggedEvent[]): State {
  const state = initialState(reference);
  applyEvents(state, events);
  return state;
}

/** The same facts with their times, in another order of arrival (seq renumbered). */
const reordered = (events: LoggedEvent[], order: number[]) => order.map((i, seq) => ({ ...events[i]!, seq: seq + 1 }));

describe('outcomes from the casework feed', () => {
  const facts = [booked('A1'), checked('A1'), outcome('A1', 'papers_served'), released('A1'), outcome('A1', 'removed_or_deported')];

  it('records each outcome once, and whether it came after the police released the person', () => {
    const kase = findCase(fold(logged(facts)), 'A1')!;
    expect(kase.outcomes.map((o) => [o.outcome, o.at - T0, o.afterRelease])).toEqual([
      ['papers_served', 2 * MINUTE, false],
      ['removed_or_deported', 4 * MINUTE, true],
    ]);
  });

  it('gives the same case and tallies whatever order the facts arrive in (a release after its outcomes)', () => {
    const events = logged(facts);
    const inOrder = serialiseState(fold(events));
    const late = serialiseState(fold(reordered(events, [0, 1, 2, 4, 3])));
    expect({ ...late, seq: 0 }).toEqual({ ...inOrder, seq: 0 });
  });

  it('accepts an outcome after release, refuses the same outcome twice and an outcome for an unknown case', () => {
    const state = fold(logged(facts.slice(0, 4)));
    const later = T0 + 30 * DAY;
    expect(checkFact(state, outcome('A1', 'removed_or_deported') as never, later)).toBeNull();
    expect(checkFact(state, outcome('A1', 'papers_served') as never, later)?.code).toBe('impossible_transition');
    expect(checkFact(state, outcome('ZZ9', 'papers_served') as never, later)?.code).toBe('unknown_case');
  });

  it('keeps a released case waiting for its removal beyond the 35 days, so the removal still finds it', () => {
    const events = logged([booked('A1'), checked('A1'), outcome('A1', 'detained_immigration_powers'), released('A1'), booked('N1'), released('N1')]);
    const state = fold(events);
    // Another case released 60 days later makes the state prune closed cases.
    const later = logged([booked('X1', 'met-brixton', T0 + 60 * DAY), released('X1')], events.length + 1, T0 + 60 * DAY);
    applyEvents(state, later);
    expect(state.closedCases.has('N1')).toBe(false);
    expect(state.closedCases.has('A1')).toBe(true);
    expect(checkFact(state, outcome('A1', 'removed_or_deported') as never, T0 + 61 * DAY)).toBeNull();
  });
});
