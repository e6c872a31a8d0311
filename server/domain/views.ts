import { londonDay, previousDay, type CaseView, type LoggedEvent, type OfficerView, type Patch, type Snapshot, type SuiteView } from '../../protocol/index.js';
import type { CaseState, OfficerState, State, SuiteState } from './state.js';

/** State → what a dashboard receives. `now` picks which London day is "today". */
export function suiteView(suite: SuiteState, now: number): SuiteView {
  const today = londonDay(now);
  const yesterday = previousDay(today);
  const { footfall, ...rest } = suite;
  return {
    ...rest,
    footfall: [today, yesterday].map((day) => ({ day, hours: [...(footfall[day] ?? new Array<number>(24).fill(0))] })),
  };
}

export function officerView(o: OfficerState): OfficerView {
  return {
    id: o.id,
    role: o.role,
    region: o.region,
    status: o.status,
    lat: o.lat,
    lng: o.lng,
    suiteId: o.suiteId,
    fromSuiteId: o.fromSuiteId,
    etaAt: o.etaAt,
    statusSince: o.statusSince,
  };
}

export function caseView(c: CaseState): CaseView {
  return { ...c };
}

export function snapshotOf(state: State, now: number): Snapshot {
  return {
    seq: state.seq,
    serverTime: now,
    suites: [...state.suites.values()].map((s) => suiteView(s, now)),
    officers: [...state.officers.values()].map(officerView),
    cases: [...state.cases.values()].map(caseView),
    assignments: [...state.assignments],
  };
}

/** The ids an event changes, read from the state *before* it (a released case is gone after). */
export interface Touched {
  suites: string[];
  officers: string[];
  cases: string[];
  closedCases: string[];
  assignment: boolean;
}

export function touchedBy(event: LoggedEvent, before: State): Touched {
  const none: Touched = { suites: [], officers: [], cases: [], closedCases: [], assignment: false };
  switch (event.type) {
    case 'arrest.booked':
      return { ...none, suites: [event.data.suiteId], cases: [event.data.custodyRef] };
    case 'check.completed':
      return { ...none, suites: suiteOf(before, event.data.custodyRef), cases: [event.data.custodyRef] };
    case 'detainee.released':
      return { ...none, suites: suiteOf(before, event.data.custodyRef), closedCases: [event.data.custodyRef] };
    case 'officer.assigned':
      return { ...none, officers: [event.data.officerId], assignment: true };
    case 'officer.arrived':
    case 'officer.rostered':
      return { ...none, officers: [event.data.officerId] };
    case 'officers.moved':
      return { ...none, officers: event.data.positions.map((p) => p.officerId) };
    case 'suite.closed':
    case 'suite.reopened':
      return { ...none, suites: [event.data.suiteId] };
    default: {
      const never: never = event;
      throw new Error(`touchedBy: unhandled ${JSON.stringify(never)}`);
    }
  }
}

/** The changed entities as whole views, read from the state after the event. */
export function patchOf(touched: Touched, after: State, now: number): Patch {
  const patch: Patch = {};
  const suites = touched.suites.flatMap((id) => {
    const s = after.suites.get(id);
    return s ? [suiteView(s, now)] : [];
  });
  const officers = touched.officers.flatMap((id) => {
    const o = after.officers.get(id);
    return o ? [officerView(o)] : [];
  });
  const cases = touched.cases.flatMap((ref) => {
    const c = after.cases.get(ref);
    return c ? [caseView(c)] : [];
  });
  if (suites.length) patch.suites = suites;
  if (officers.length) patch.officers = officers;
  if (cases.length) patch.cases = cases;
  if (touched.closedCases.length) patch.closedCases = touched.closedCases;
  if (touched.assignment && after.assignments[0]) patch.assignment = after.assignments[0];
  return patch;
}

function suiteOf(state: State, custodyRef: string): string[] {
  const c = state.cases.get(custodyRef);
  return c ? [c.suiteId] : [];
}
