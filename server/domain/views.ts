import {
  isCaseFact,
  londonDay,
  previousDay,
  type AlertView,
  type CaseView,
  type HighHarmRuleSetView,
  type LiveDerived,
  type LoggedEvent,
  type OfficerView,
  type Patch,
  type Snapshot,
  type SuiteFigures,
  type SuiteView,
} from '../../protocol/index.js';
import { activeAlerts, type AlertSettings } from './alerts.js';
import { findCase } from './case-reducer.js';
import { deadlineOf, etdRequired, nonAttendanceOf } from './cases.js';
import type { HighHarmRuleSet } from './high-harm.js';
import { routeChecks } from './queues.js';
import type { CaseState, OfficerState, State, SuiteState } from './state.js';
import { figuresOf } from './tallies.js';

/** State → what a dashboard receives. `now` picks which London day is "today". */
export function suiteView(suite: SuiteState, now: number): SuiteView {
  const { footfall: _footfall, days: _days, ...reference } = suite;
  return { ...reference, ...suiteFigures(suite, now) };
}

/**
 * Suites too are replaced when they change, and a suite's view changes otherwise only with the
 * London day: one view per suite and day, so an unchanged suite packs as before (decision 67).
 */
const suiteViews = new WeakMap<SuiteState, { today: string; view: SuiteView }>();

function keptSuiteView(suite: SuiteState, now: number): SuiteView {
  const today = londonDay(now);
  const kept = suiteViews.get(suite);
  if (kept?.today === today) return kept.view;
  const view = suiteView(suite, now);
  suiteViews.set(suite, { today, view });
  return view;
}

/** The part of a suite's view that events change: what a suite patch carries. */
export function suiteFigures(suite: SuiteState, now: number): SuiteFigures {
  const today = londonDay(now);
  const yesterday = previousDay(today);
  const todayTally = suite.days[today];
  return {
    id: suite.id,
    open: suite.open,
    inCustody: suite.inCustody,
    pendingChecks: suite.pendingChecks,
    footfall: [today, yesterday].map((day) => ({ day, hours: [...(suite.footfall[day] ?? new Array<number>(24).fill(0))] })),
    today: figuresOf(todayTally ? [todayTally] : []),
  };
}

/** Officers too are replaced when they change: one view each, so unchanged officers pack as before (decision 67). */
const officerViews = new WeakMap<OfficerState, OfficerView>();

export function officerView(o: OfficerState): OfficerView {
  let view = officerViews.get(o);
  if (!view) officerViews.set(o, (view = buildOfficerView(o)));
  return view;
}

function buildOfficerView(o: OfficerState): OfficerView {
  return {
    id: o.id,
    role: o.role,
    region: o.region,
    status: o.status,
    lat: o.lat,
    lng: o.lng,
    suiteId: o.suiteId,
    etaAt: o.etaAt,
    statusSince: o.statusSince,
    version: o.version,
    move: o.move,
    positionAt: o.positionAt,
  };
}

/**
 * A case's view depends on the case alone, and cases are immutable values (replaced when they
 * change): each is turned into a view once, not once per snapshot and delta (decision 59).
 */
const caseViews = new WeakMap<CaseState, CaseView>();

export function caseView(c: CaseState): CaseView {
  let view = caseViews.get(c);
  if (!view) caseViews.set(c, (view = buildCaseView(c)));
  return view;
}

function buildCaseView(c: CaseState): CaseView {
  return {
    custodyRef: c.custodyRef,
    suiteId: c.suiteId,
    region: c.region,
    nationality: c.nationality,
    iabsMatch: c.iabsMatch,
    relevantTime: c.relevantTime,
    offenceCategory: c.offenceCategory,
    intelFlags: [...c.intelFlags],
    priorOffences: c.priorOffences,
    highHarm: c.highHarm,
    referredAt: c.referredAt,
    acro: c.acro,
    checkStarted: c.checkStarted,
    declined: c.declined,
    check: c.check,
    interviewAt: c.interviewAt,
    decision: c.decision,
    travelDocument: c.travelDocument,
    etd: { required: etdRequired(c), appliedAt: c.etdAppliedAt, agreedAt: c.etdAgreedAt },
    paceLimitHours: c.paceLimitHours,
    paceDeadline: deadlineOf(c),
    released: c.released ? { at: c.released.at, disposal: c.released.disposal } : null,
    nonAttendance: nonAttendanceOf(c),
  };
}

export function highHarmView(r: HighHarmRuleSet): HighHarmRuleSetView {
  return { ...r };
}

/** Alerts, CCU queue and capacity at `now`: what `live:derived` carries. */
export function derivedOf(state: State, now: number, settings?: AlertSettings): LiveDerived {
  const routing = routeChecks(state, now);
  const alerts: AlertView[] = activeAlerts(state, routing, now, settings);
  return { at: now, alerts, ccuQueue: routing.ccuQueue.map((c) => c.custodyRef), capacity: routing.capacity };
}

/** Everything a screen needs: open cases and those released today (for the register and figures). */
export function snapshotOf(state: State, now: number, settings?: AlertSettings, derived?: () => LiveDerived): Snapshot {
  const today = londonDay(now);
  const releasedToday = [...state.closedCases.values()].filter((c) => c.released && londonDay(c.released.at) === today);
  return {
    seq: state.seq,
    serverTime: now,
    suites: [...state.suites.values()].map((s) => keptSuiteView(s, now)),
    officers: [...state.officers.values()].map(officerView),
    // In order of relevant time: a stable order for every screen, and one that packs small (snapshot-wire.ts).
    cases: inRelevantTimeOrder(state, [...state.cases.values(), ...releasedToday]),
    assignments: [...state.assignments],
    highHarm: state.highHarm ? highHarmView(state.highHarm) : null,
    derived: derived ? derived() : derivedOf(state, now, settings),
  };
}

/** The last order given for a state: the cases as they came (map order), as sorted, and their views. */
const lastOrder = new WeakMap<State, { given: readonly CaseState[]; sorted: readonly CaseState[]; views: readonly CaseView[] }>();

/**
 * The cases' views sorted by relevant time, without sorting 10,000 cases per hello: when the same
 * cases come in the same order as last time, some replaced by a newer value with the same reference
 * and relevant time (most facts change a case but not its place), the last order holds, with the
 * new values in it. Anything else (a case added, gone or moved in time) sorts afresh.
 */
function inRelevantTimeOrder(state: State, cases: CaseState[]): CaseView[] {
  const last = lastOrder.get(state);
  const kept = last ? reordered(last.given, last.sorted, cases) : null;
  const sorted = kept ?? cases.slice().sort(byRelevantTime);
  const views = kept === last?.sorted ? last!.views : sorted.map(caseView);
  lastOrder.set(state, { given: cases, sorted, views });
  return views.slice();
}

/** The last sorted order with the cases replaced since (the same array if none was), or null if it no longer holds. */
function reordered(given: readonly CaseState[], sorted: readonly CaseState[], cases: readonly CaseState[]): readonly CaseState[] | null {
  if (given.length !== cases.length) return null;
  let replaced: Map<CaseState, CaseState> | null = null;
  for (let i = 0; i < cases.length; i++) {
    const before = given[i]!;
    const now = cases[i]!;
    if (before === now) continue;
    if (before.custodyRef !== now.custodyRef || before.relevantTime !== now.relevantTime) return null;
    (replaced ??= new Map()).set(before, now);
  }
  return replaced ? sorted.map((c) => replaced.get(c) ?? c) : sorted;
}

function byRelevantTime(a: CaseState, b: CaseState): number {
  return a.relevantTime - b.relevantTime || (a.custodyRef < b.custodyRef ? -1 : a.custodyRef > b.custodyRef ? 1 : 0);
}

/** The ids an event changes, read from the state *before* it (a released case is gone after). */
export interface Touched {
  suites: string[];
  officers: string[];
  cases: string[];
  closedCases: string[];
  assignment: boolean;
  highHarm: boolean;
  /** Moves only: sent as compact positions, not whole officers. */
  positions: { officerId: string; lat: number; lng: number }[];
}

export function touchedBy(event: LoggedEvent, before: State): Touched {
  const none: Touched = { suites: [], officers: [], cases: [], closedCases: [], assignment: false, highHarm: false, positions: [] };
  if (isCaseFact(event)) {
    const ref = event.data.custodyRef;
    const moved = event.type === 'case.transferred' ? [event.data.toSuiteId] : [];
    return { ...none, suites: [...new Set([...suitesOf(before, ref), ...moved])], cases: [ref] };
  }
  switch (event.type) {
    case 'arrest.booked':
      return { ...none, suites: [event.data.suiteId], cases: [event.data.custodyRef] };
    case 'alert.acknowledged':
      return none;
    case 'high_harm.published':
      return { ...none, cases: [...before.cases.keys()], highHarm: true };
    case 'officer.assigned':
      return { ...none, officers: [event.data.officerId], assignment: true };
    case 'officer.acknowledged':
    case 'officer.arrived':
    case 'officer.rostered':
      return { ...none, officers: [event.data.officerId] };
    case 'officers.moved':
      return { ...none, positions: event.data.positions };
    case 'suite.closed':
    case 'suite.reopened':
      return { ...none, suites: [event.data.suiteId] };
    default: {
      const never: never = event;
      throw new Error(`touchedBy: unhandled ${JSON.stringify(never)}`);
    }
  }
}

/** Adds the cases the log's time closed along with an event (and their suites) to what it touched. */
export function withLapsed(touched: Touched, after: State, lapsed: readonly string[]): void {
  for (const ref of lapsed) {
    touched.cases.push(ref);
    touched.suites.push(...suitesOf(after, ref).filter((id) => !touched.suites.includes(id)));
  }
}

/** The changed entities as whole views, read from the state after the event. */
export function patchOf(touched: Touched, after: State, now: number): Patch {
  const patch: Patch = {};
  const suites = touched.suites.flatMap((id) => {
    const s = after.suites.get(id);
    return s ? [suiteFigures(s, now)] : [];
  });
  const officers = touched.officers.flatMap((id) => {
    const o = after.officers.get(id);
    return o ? [officerView(o)] : [];
  });
  const cases = touched.cases.flatMap((ref) => {
    const c = findCase(after, ref);
    return c ? [caseView(c)] : [];
  });
  if (suites.length) patch.suites = suites;
  if (officers.length) patch.officers = officers;
  if (cases.length) patch.cases = cases;
  if (touched.closedCases.length) patch.closedCases = touched.closedCases;
  if (touched.assignment && after.assignments[0]) patch.assignment = after.assignments[0];
  if (touched.highHarm && after.highHarm) patch.highHarm = highHarmView(after.highHarm);
  if (touched.positions.length) patch.positions = touched.positions.map((p) => [p.officerId, p.lat, p.lng]);
  return patch;
}

/** The suites whose figures a case touches: where it is and where it arrived. */
function suitesOf(state: State, custodyRef: string): string[] {
  const c = findCase(state, custodyRef);
  return c ? [...new Set([c.suiteId, c.arrivalSuiteId])] : [];
}
