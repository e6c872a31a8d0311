import { describe, expect, it } from 'vitest';
import { compareQueue, londonDayHour } from '../../protocol/index.js';
import { applyEvents, caseView, deadlineOf, detentionLimits, findCase, initialState, routeChecks, suiteQueue, type State } from '../../server/domain/index.js';
import { arrived, booked, HOUR, logged, MINUTE, onDuty, publishedV1, reference, T0 } from '../support/reference.js';

const local = (at: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'short' }).format(at);

describe('the PACE clock', () => {
  it('is 24 h from the relevant time in England and Wales, 12 h in Scotland', () => {
    expect(detentionLimits('Metropolitan Police')).toEqual({ baseHours: 24, maxHours: 96 });
    expect(detentionLimits('Police Scotland')).toEqual({ baseHours: 12, maxHours: 24 });
  });

  it('a case arriving 01:30 on 2026-03-29 (clocks go forward at 01:00) runs out at 02:30 BST next day: 24 real hours', () => {
    const arrival = Date.parse('2026-03-29T01:30:00Z'); // 01:30 GMT does not exist locally: it is 02:30 BST
    const state = initialState(reference);
    applyEvents(state, logged([booked('A1', 'met-brixton', arrival)], 1, arrival));
    const deadline = deadlineOf(findCase(state, 'A1')!);
    expect(deadline - arrival).toBe(24 * HOUR);
    expect(local(deadline)).toBe('30/03/2026, 02:30');
  });

  it('a case arriving at the first 01:30 on 2026-10-25 (BST) runs out at 00:30 GMT next day: still 24 real hours', () => {
    const arrival = Date.parse('2026-10-25T00:30:00Z'); // 01:30 BST, before the clocks go back
    expect(londonDayHour(arrival)).toEqual({ day: '2026-10-25', hour: 1 });
    const state = initialState(reference);
    applyEvents(state, logged([booked('A1', 'met-brixton', arrival)], 1, arrival));
    const deadline = deadlineOf(findCase(state, 'A1')!);
    expect(deadline - arrival).toBe(24 * HOUR);
    expect(local(deadline)).toBe('26/10/2026, 00:30');
  });

  it('extensions lengthen it, never shorten it, in any order', () => {
    const state = initialState(reference);
    applyEvents(state, logged([
      booked('A1'),
      { type: 'pace.extended', data: { custodyRef: 'A1', limitHours: 96 } },
      { type: 'pace.extended', data: { custodyRef: 'A1', limitHours: 36 } },
    ]));
    expect(findCase(state, 'A1')!.paceLimitHours).toBe(96);
    expect(deadlineOf(findCase(state, 'A1')!)).toBe(T0 + 96 * HOUR);
  });
});

/** Three waiting at Brixton: an old ordinary case, a newer High Harm case, one extended. */
function brixtonQueue(): State {
  const state = initialState(reference);
  applyEvents(state, logged([
    publishedV1(),
    booked('OLD', 'met-brixton', T0 - 10 * HOUR),
    booked('HH', 'met-brixton', T0 - 1 * HOUR, { offenceCategory: 'rape' }),
    booked('NEW', 'met-brixton', T0 - 2 * HOUR),
    booked('EXT', 'met-brixton', T0 - 12 * HOUR),
    { type: 'pace.extended', data: { custodyRef: 'EXT', limitHours: 36 } },
  ], 1, T0));
  return state;
}

describe('the pending-checks queue', () => {
  it('puts High Harm first, then least PACE time left, then longest waiting', () => {
    const order = suiteQueue(brixtonQueue(), 'met-brixton').map((c) => c.custodyRef);
    expect(order).toEqual(['HH', 'OLD', 'NEW', 'EXT']);
  });

  it('the shared comparator sorts case views the same way on a dashboard', () => {
    const state = brixtonQueue();
    const views = [...state.cases.values()].map(caseView).reverse();
    expect(views.sort(compareQueue).map((c) => c.custodyRef)).toEqual(['HH', 'OLD', 'NEW', 'EXT']);
  });
});

describe('routing checks to the CCU', () => {
  it('with no officer at the suite, every waiting case goes to the CCU, most urgent first', () => {
    const routing = routeChecks(brixtonQueue(), T0);
    expect(routing.ccuQueue.map((c) => c.custodyRef)).toEqual(['HH', 'OLD', 'NEW', 'EXT']);
    expect(routing.capacity['met-brixton']).toEqual({ officers: 0, queue: 4, canClear: 0 });
  });

  it('one officer at the suite takes the queue in order; what cannot finish before its clock goes remote', () => {
    const state = brixtonQueue();
    applyEvents(state, logged([onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton')], state.seq + 1, T0));
    // OLD has 14 h left, HH 23 h: one officer at 45 min a check clears all four in time.
    expect(routeChecks(state, T0).ccuQueue).toEqual([]);
    // Twenty hours on, OLD's clock has run out and NEW has 2 h left: OLD goes to the CCU.
    const later = routeChecks(state, T0 + 13 * HOUR + 30 * MINUTE);
    expect(later.ccuQueue.map((c) => c.custodyRef)).toEqual(['OLD']);
    expect(later.capacity['met-brixton']).toEqual({ officers: 1, queue: 4, canClear: 3 });
  });

  it('an officer on the way counts from their ETA', () => {
    const state = brixtonQueue();
    applyEvents(state, logged([
      onDuty('MET-ICE-01'),
      { type: 'officer.assigned', data: { officerId: 'MET-ICE-01', origin: { kind: 'not_recorded' }, toSuiteId: 'met-brixton', reason: null, etaAt: T0 + 13 * HOUR, demand: null, recommended: false } },
    ], state.seq + 1, T0));
    // Arriving in 13 h, the officer is too late for OLD (14 h left, 15 min margin, 45 min check … first is HH).
    const routing = routeChecks(state, T0);
    expect(routing.capacity['met-brixton']!.officers).toBe(1);
    expect(routing.ccuQueue.map((c) => c.custodyRef)).toEqual(['OLD']);
  });
});
