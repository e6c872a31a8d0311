import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES, OUTCOMES_OF_INTEREST } from '../../protocol/index.js';
import { applyEvent, detentionLimits, etdRequired, initialState, type State } from '../../server/domain/index.js';
import { HOUR, realReference, simulate, type Accepted } from './harness.js';

type CaseEvent = Extract<Accepted, { type: (typeof CASE_EVENT_TYPES)[number] }>;
const isCaseEvent = (e: Accepted): e is CaseEvent => (CASE_EVENT_TYPES as readonly string[]).includes(e.type);

/** Each case's facts in log order, by custody reference. */
function journeys(log: readonly Accepted[]): Map<string, CaseEvent[]> {
  const byRef = new Map<string, CaseEvent[]>();
  for (const e of log) {
    if (!isCaseEvent(e)) continue;
    const list = byRef.get(e.data.custodyRef) ?? [];
    list.push(e);
    byRef.set(e.data.custodyRef, list);
  }
  return byRef;
}

const first = (events: readonly CaseEvent[], type: CaseEvent['type']) => events.find((e) => e.type === type)?.at;

describe('simulator: each case’s journey over two simulated days', () => {
  let log: Accepted[];
  let cases: Map<string, CaseEvent[]>;
  beforeAll(async () => {
    const { port } = await simulate({ seed: 2015, hours: 48 });
    log = port.log;
    cases = journeys(log);
  });

  it('starts every journey with the booking and has at most one of each milestone', () => {
    expect(cases.size).toBeGreaterThan(500);
    for (const [ref, events] of cases) {
      expect(events[0]!.type, ref).toBe('arrest.booked');
      const counts = new Map<string, number>();
      for (const e of events) {
        const key = e.type === 'outcome.recorded' ? `${e.type} ${e.data.outcome}` : e.type;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const [type, n] of counts) expect(n, `${ref} ${type}`).toBe(1);
    }
  });

  it('puts each case’s facts in a causally sensible order in time', () => {
    const before = (events: CaseEvent[], a: CaseEvent['type'], b: CaseEvent['type']) => {
      const [ta, tb] = [first(events, a), first(events, b)];
      if (ta !== undefined && tb !== undefined) expect(ta, `${events[0]!.data.custodyRef}: ${a} ≤ ${b}`).toBeLessThanOrEqual(tb);
      // The later milestone never happens without the earlier one.
      if (tb !== undefined && a !== 'case.referred') expect(ta, `${events[0]!.data.custodyRef}: ${b} without ${a}`).toBeDefined();
    };
    for (const events of cases.values()) {
      before(events, 'arrest.booked', 'case.referred');
      before(events, 'arrest.booked', 'acro.requested');
      before(events, 'acro.requested', 'acro.returned');
      before(events, 'check.started', 'check.completed');
      before(events, 'check.completed', 'interview.held');
      before(events, 'interview.held', 'decision.made');
      before(events, 'decision.made', 'etd.applied');
      before(events, 'etd.applied', 'etd.agreed');
      const released = first(events, 'detainee.released');
      // Only the casework feed's outcomes may come after the police let the person go.
      if (released !== undefined)
        for (const e of events) if (e.type !== 'outcome.recorded') expect(e.at, `${e.type} after release`).toBeLessThanOrEqual(released);
      const document = first(events, 'travel_document.recorded');
      if (document !== undefined) expect(document).toBe(first(events, 'decision.made'));
    }
  });

  it('has officers interview and decide only for people of interest, at the suite the person is in', () => {
    const state: State = initialState(realReference);
    let seen = 0;
    for (const event of log) {
      if (event.type === 'interview.held' || event.type === 'decision.made') {
        const kase = state.cases.get(event.data.custodyRef)!;
        expect(OUTCOMES_OF_INTEREST as readonly string[]).toContain(kase.check?.outcome);
        const officer = state.officers.get(event.data.officerId ?? '');
        expect(officer?.status).toBe('at_suite');
        expect(officer?.suiteId).toBe(kase.suiteId);
        seen++;
      }
      if (event.type === 'etd.applied') expect(etdRequired(state.cases.get(event.data.custodyRef)!)).toBe(true);
      if (event.type === 'case.transferred') {
        const kase = state.cases.get(event.data.custodyRef)!;
        const to = state.suites.get(event.data.toSuiteId)!;
        expect([to.open, to.region, to.id === kase.suiteId]).toEqual([true, kase.region, false]);
      }
      applyEvent(state, event);
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('records outcomes only for people of interest: the officer\'s decision, or the casework\'s own after release', () => {
    const state: State = initialState(realReference);
    const byOutcome = new Map<string, number>();
    for (const event of log) {
      if (event.type === 'outcome.recorded') {
        const kase = state.cases.get(event.data.custodyRef) ?? state.closedCases.get(event.data.custodyRef)!;
        expect(OUTCOMES_OF_INTEREST as readonly string[]).toContain(kase.check?.outcome);
        const decided = { papers_served: 'papers_served', detained_immigration_powers: 'detained_immigration_powers', no_action: 'no_further_action' };
        if (kase.decision) expect(event.data.outcome).toBe(decided[kase.decision.decision]);
        else expect(kase.released, 'without a decision in custody, only after release').not.toBeNull();
        byOutcome.set(event.data.outcome, (byOutcome.get(event.data.outcome) ?? 0) + 1);
      }
      applyEvent(state, event);
    }
    expect(byOutcome.get('papers_served')).toBeGreaterThan(10);
    expect(byOutcome.get('detained_immigration_powers')).toBeGreaterThan(5);
    expect(byOutcome.get('no_further_action')).toBeGreaterThan(5);
    // Removals come a week or more later: none in two days.
    expect(byOutcome.get('removed_or_deported')).toBeUndefined();
  });

  it('extends detention only for serious cases, before the starting limit runs out, to 12 hours more', () => {
    const extensions = log.filter((e): e is Extract<Accepted, { type: 'pace.extended' }> => e.type === 'pace.extended');
    expect(extensions.length).toBeGreaterThan(0);
    for (const e of extensions) {
      const booked = cases.get(e.data.custodyRef)![0] as Extract<Accepted, { type: 'arrest.booked' }>;
      const region = realReference.suites.find((s) => s.id === booked.data.suiteId)!.region;
      const { baseHours } = detentionLimits(region);
      expect(e.data.limitHours).toBe(baseHours + 12);
      expect(e.at).toBeLessThan(booked.data.relevantTime + baseHours * HOUR);
      expect(['murder', 'rape', 'sexual_offence_child', 'serious_violence', 'robbery', 'weapons', 'drugs_supply', 'modern_slavery']).toContain(
        booked.data.offenceCategory,
      );
    }
  });
});
