import { londonDay, shiftDay, type LoggedEvent } from '../../protocol/index.js';
import {
  awaitingCheck,
  earlier,
  isOpen,
  startingLimit,
  withInterview,
  withOutcome,
  withOutcomesSettled,
  withPaceLimit,
  withReferral,
  withTransfer,
  type CaseState,
  type StaffingAtRelease,
} from './cases.js';
import { evaluateHighHarm } from './high-harm.js';
import { detentionLimits, paceDeadline } from './pace.js';
import type { State } from './state.js';
import { adjustTallies, contributionOf, pruneTallies, RETENTION_DAYS } from './tallies.js';

const HOUR = 3_600_000;

export type CaseEvent = Extract<
  LoggedEvent,
  {
    type:
      | 'arrest.booked'
      | 'case.referred'
      | 'acro.requested'
      | 'acro.returned'
      | 'check.started'
      | 'check.completed'
      | 'check.released'
      | 'attendance.declined'
      | 'interview.held'
      | 'decision.made'
      | 'travel_document.recorded'
      | 'etd.applied'
      | 'etd.agreed'
      | 'pace.extended'
      | 'case.transferred'
      | 'detainee.released'
      | 'outcome.recorded'
      | 'non_attendance.reason_set';
  }
>;

/** Finds a case, in custody or recently released. */
export function findCase(state: State, custodyRef: string): CaseState | undefined {
  return state.cases.get(custodyRef) ?? state.closedCases.get(custodyRef);
}

/** Folds one fact about a case into state: the case, its suites' counters and the tallies. */
export function applyCaseEvent(state: State, event: CaseEvent): void {
  if (event.type === 'arrest.booked') return replaceCase(state, null, booked(state, event));
  const before = findCase(state, event.data.custodyRef);
  if (!before) throw new Error(`reducer: case ${event.data.custodyRef} is not in state; the event should have been refused`);
  replaceCase(state, before, nextCase(state, before, event));
  if (event.type === 'detainee.released') released(state, event);
}

function booked(state: State, { data }: Extract<CaseEvent, { type: 'arrest.booked' }>): CaseState {
  const suite = state.suites.get(data.suiteId);
  if (!suite) throw new Error(`reducer: suite ${data.suiteId} unknown`);
  const facts = { offenceCategory: data.offenceCategory, intelFlags: data.intelFlags, priorOffences: data.priorOffences };
  return {
    custodyRef: data.custodyRef,
    arrivalSuiteId: suite.id,
    suiteId: suite.id,
    transfers: [],
    region: suite.region,
    nationality: data.nationality,
    iabsMatch: data.iabsMatch,
    relevantTime: data.relevantTime,
    ...facts,
    highHarm: evaluateHighHarm(state.highHarm, facts, suite.region),
    referredAt: null,
    acro: { requestedAt: null, returnedAt: null, overseasConvictions: null },
    checkStarted: null,
    declined: null,
    check: null,
    interviewAt: null,
    interviewedBy: null,
    decision: null,
    travelDocument: 'unknown',
    travelDocumentAt: null,
    etdAppliedAt: null,
    etdAgreedAt: null,
    paceLimitHours: startingLimit(suite.region),
    released: null,
    outcomes: [],
    reasonSet: null,
  };
}

function nextCase(state: State, kase: CaseState, event: Exclude<CaseEvent, { type: 'arrest.booked' }>): CaseState {
  const { at } = event;
  const min = (a: number | null) => (a === null ? at : Math.min(a, at));
  switch (event.type) {
    case 'case.referred':
      return withReferral(kase, at);
    case 'acro.requested':
      return { ...kase, acro: { ...kase.acro, requestedAt: min(kase.acro.requestedAt) } };
    case 'acro.returned': {
      const acro = { ...kase.acro, returnedAt: min(kase.acro.returnedAt), overseasConvictions: event.data.overseasConvictions };
      if (!event.data.overseasConvictions || kase.intelFlags.includes('overseas_convictions')) return { ...kase, acro };
      // Overseas convictions are intelligence: the verdict is taken again with them.
      const intelFlags = [...kase.intelFlags, 'overseas_convictions' as const];
      const highHarm = isOpen(kase) ? evaluateHighHarm(state.highHarm, { ...kase, intelFlags }, kase.region) : kase.highHarm;
      return { ...kase, acro, intelFlags, highHarm };
    }
    case 'check.started':
      return { ...kase, checkStarted: earlier(kase.checkStarted, { at, mode: event.data.mode, officerId: event.data.officerId, by: event.actor }) };
    case 'check.released':
      // A duty manager's command, decided on the state in log order: whoever took it no longer has it.
      return { ...kase, checkStarted: null };
    case 'attendance.declined':
      return { ...kase, declined: { at, officerId: event.data.officerId, reason: event.data.reason, note: event.data.note } };
    case 'check.completed':
      return { ...kase, check: earlier(kase.check, { at, mode: event.data.mode, outcome: event.data.outcome, officerId: event.data.officerId }) };
    case 'interview.held':
      return withInterview(kase, at, event.data.officerId);
    case 'decision.made':
      return { ...kase, decision: earlier(kase.decision, { at, decision: event.data.decision, officerId: event.data.officerId }) };
    case 'travel_document.recorded':
      // The latest record of the document stands, whatever order the records arrive in.
      return kase.travelDocumentAt !== null && kase.travelDocumentAt > at ? kase : { ...kase, travelDocument: event.data.document, travelDocumentAt: at };
    case 'etd.applied':
      return { ...kase, etdAppliedAt: min(kase.etdAppliedAt) };
    case 'etd.agreed':
      return { ...kase, etdAgreedAt: min(kase.etdAgreedAt) };
    case 'pace.extended':
      return withPaceLimit(kase, event.data.limitHours);
    case 'case.transferred':
      return withTransfer(kase, at, event.data.toSuiteId);
    case 'detainee.released':
      // The reported release, which also replaces a "release not recorded" the log's time inferred.
      return withOutcomesSettled({ ...kase, released: { at, disposal: event.data.disposal, staffing: staffingAt(state, kase) } });
    case 'outcome.recorded':
      return withOutcome(kase, event.data.outcome, at);
    case 'non_attendance.reason_set':
      return { ...kase, reasonSet: { reason: event.data.reason, note: event.data.note } };
    default: {
      const never: never = event;
      throw new Error(`reducer: unhandled case event ${JSON.stringify(never)}`);
    }
  }
}

/** Why nobody could come, as it stood at release: nobody on duty, on the way, or nobody free. */
function staffingAt(state: State, kase: CaseState): StaffingAtRelease {
  let onDuty = false;
  for (const officer of state.officers.values()) {
    if (officer.region !== kase.region || officer.status === 'off_duty') continue;
    onDuty = true;
    if (officer.status === 'travelling' && officer.suiteId === kase.suiteId) return 'travel_time';
  }
  return onDuty ? 'no_officer_available' : 'outside_staffed_hours';
}

/** Replaces a case everywhere it counts: the maps, its suites' counters and the day tallies. */
function replaceCase(state: State, before: CaseState | null, after: CaseState): void {
  const suiteIds = new Set([after.suiteId, after.arrivalSuiteId]);
  if (before) suiteIds.add(before.suiteId).add(before.arrivalSuiteId);
  const oldC = before ? contributionOf(before) : null;
  const newC = contributionOf(after);
  for (const id of suiteIds) {
    const suite = state.suites.get(id);
    if (!suite) throw new Error(`reducer: suite ${id} unknown`);
    let { inCustody, pendingChecks, days } = suite;
    if (before && oldC) {
      if (before.suiteId === id) {
        inCustody -= Number(isOpen(before));
        pendingChecks -= Number(awaitingCheck(before));
      }
      days = adjustTallies(days, id, oldC, -1);
    }
    if (after.suiteId === id) {
      inCustody += Number(isOpen(after));
      pendingChecks += Number(awaitingCheck(after));
    }
    days = adjustTallies(days, id, newC, 1);
    days = pruneTallies(days, newestDay(days));
    state.suites.set(id, { ...suite, inCustody, pendingChecks, days });
  }
  if (isOpen(after)) {
    state.cases.set(after.custodyRef, after);
  } else {
    state.cases.delete(after.custodyRef);
    state.closedCases.set(after.custodyRef, after);
  }
}

/** After a release: forget its alerts' acknowledgements and cases released too long ago. */
function released(state: State, event: Extract<CaseEvent, { type: 'detainee.released' }>): void {
  forgetAcknowledgements(state, event.data.custodyRef);
  pruneClosedCases(state, event.at);
}

function forgetAcknowledgements(state: State, ref: string): void {
  for (const id of state.acknowledgements.keys()) if (id.endsWith(`:${ref}`)) state.acknowledgements.delete(id);
}

/** A case still open this long after its region's longest lawful detention ran out has left custody. */
export const LAPSE_AFTER_MS = 24 * HOUR;

/** When a case's detention cannot still be going on, whatever extensions were not reported. */
function lapsesAt(kase: CaseState): number {
  return kase.relevantTime + detentionLimits(kase.region).maxHours * HOUR + LAPSE_AFTER_MS;
}

/**
 * Closes cases that cannot still be in custody: no release was reported, but the longest lawful
 * detention ran out a day ago. They leave as "release not recorded" at the end of that detention,
 * so they stop counting as in custody and, if nobody attended, show in the non-attendance register
 * for a person to look at. Time is the log's (the latest fact's), never the clock, so a replay
 * closes the same cases. All open cases are looked at once an hour; a case booked long after the
 * fact, at once. Returns the custody references it closed.
 */
export function closeLapsedCases(state: State, booked: string | null): string[] {
  const now = state.lastEventAt;
  if (now === null) return [];
  const hour = Math.floor(now / HOUR);
  const lapsed: CaseState[] = [];
  if (state.lapsesCheckedAt === null || hour > state.lapsesCheckedAt) {
    state.lapsesCheckedAt = hour;
    for (const kase of state.cases.values()) if (now >= lapsesAt(kase)) lapsed.push(kase);
  } else if (booked !== null) {
    const kase = state.cases.get(booked);
    if (kase && now >= lapsesAt(kase)) lapsed.push(kase);
  }
  for (const kase of lapsed) {
    const at = paceDeadline(kase.relevantTime, detentionLimits(kase.region).maxHours);
    replaceCase(state, kase, withOutcomesSettled({ ...kase, released: { at, disposal: 'not_recorded', staffing: staffingAt(state, kase) } }));
    forgetAcknowledgements(state, kase.custodyRef);
  }
  return lapsed.map((k) => k.custodyRef);
}

/**
 * Days a released case still waiting for its final outcome (papers served or detained, not yet
 * removed nor dropped) is kept, so the casework feed's removal weeks later finds it.
 */
export const AWAITING_OUTCOME_DAYS = 180;

/** Papers served or detained, and neither removed nor dropped yet. */
export function awaitingFinalOutcome(kase: CaseState): boolean {
  const has = (o: string) => kase.outcomes.some((r) => r.outcome === o);
  return (has('papers_served') || has('detained_immigration_powers')) && !has('removed_or_deported') && !has('no_further_action');
}

/**
 * Whether folding this fact may drop released cases from memory (a release on a London day after
 * the last pruning): whoever needs those cases as they stand must read them before it.
 */
export function mayPruneClosedCases(state: State, event: { readonly type: string; readonly at: number }): boolean {
  return event.type === 'detainee.released' && prunesOn(state, londonDay(event.at));
}

/** Pruning scans every released case, so it runs once per London day, not once per release. */
const prunesOn = (state: State, day: string): boolean => state.closedCasesPrunedOn === null || state.closedCasesPrunedOn < day;

function pruneClosedCases(state: State, at: number): void {
  const day = londonDay(at);
  if (!prunesOn(state, day)) return;
  state.closedCasesPrunedOn = day;
  const cutoff = shiftDay(day, -RETENTION_DAYS);
  const waitCutoff = shiftDay(day, -AWAITING_OUTCOME_DAYS);
  for (const [key, kase] of state.closedCases) {
    if (!kase.released) continue;
    const releasedOn = londonDay(kase.released.at);
    if (releasedOn < cutoff && (releasedOn < waitCutoff || !awaitingFinalOutcome(kase))) state.closedCases.delete(key);
  }
}

function newestDay(days: Readonly<Record<string, unknown>>): string {
  let newest = '';
  for (const d of Object.keys(days)) if (d > newest) newest = d;
  return newest;
}
