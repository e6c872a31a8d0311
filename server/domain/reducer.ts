import { daysBetween, londonDayHour, type EventOf, type LoggedEvent } from '../../protocol/index.js';
import { ASSIGNMENTS_KEPT, FOOTFALL_DAYS, type State, type SuiteState } from './state.js';

/**
 * Folds one logged event into state. Deterministic: it reads only the state and the event (no
 * clock), so replaying the log reproduces the live state exactly. Maps are updated in place on the
 * state it is given (a fork, in the engine); entity objects are always replaced, never mutated.
 * Events reach here only after `decide*` accepted them, so a missing entity is a bug: it throws.
 */
export function applyEvent(state: State, event: LoggedEvent): void {
  state.lastEventAt = Math.max(state.lastEventAt ?? event.at, event.at);
  switch (event.type) {
    case 'arrest.booked':
      return arrestBooked(state, event);
    case 'check.completed':
      return checkCompleted(state, event);
    case 'detainee.released':
      return detaineeReleased(state, event);
    case 'officer.assigned':
      return officerAssigned(state, event);
    case 'officer.arrived':
      return officerArrived(state, event);
    case 'officers.moved':
      return officersMoved(state, event);
    case 'officer.rostered':
      return officerRostered(state, event);
    case 'suite.closed':
    case 'suite.reopened':
      return suiteOpenChanged(state, event);
    default:
      return unreachable(event);
  }
}

/** Applies events in order and stamps the sequence number. */
export function applyEvents(state: State, events: readonly LoggedEvent[]): void {
  for (const event of events) {
    applyEvent(state, event);
    state.seq = event.seq;
  }
}

type Logged<T extends LoggedEvent['type']> = Extract<LoggedEvent, { type: T }> & EventOf<T>;

function arrestBooked(state: State, { data }: Logged<'arrest.booked'>): void {
  const suite = must(state.suites.get(data.suiteId), data.suiteId);
  state.cases.set(data.custodyRef, {
    custodyRef: data.custodyRef,
    suiteId: data.suiteId,
    nationality: data.nationality,
    iabsMatch: data.iabsMatch,
    relevantTime: data.relevantTime,
    check: null,
  });
  state.suites.set(suite.id, {
    ...suite,
    inCustody: suite.inCustody + 1,
    pendingChecks: suite.pendingChecks + 1,
    footfall: countArrival(suite.footfall, data.relevantTime),
  });
}

function checkCompleted(state: State, { data, at }: Logged<'check.completed'>): void {
  const kase = must(state.cases.get(data.custodyRef), data.custodyRef);
  state.cases.set(kase.custodyRef, {
    ...kase,
    check: { at, mode: data.mode, outcome: data.outcome, officerId: data.officerId },
  });
  const suite = must(state.suites.get(kase.suiteId), kase.suiteId);
  state.suites.set(suite.id, { ...suite, pendingChecks: suite.pendingChecks - 1 });
}

function detaineeReleased(state: State, { data }: Logged<'detainee.released'>): void {
  const kase = must(state.cases.get(data.custodyRef), data.custodyRef);
  state.cases.delete(kase.custodyRef);
  const suite = must(state.suites.get(kase.suiteId), kase.suiteId);
  state.suites.set(suite.id, {
    ...suite,
    inCustody: suite.inCustody - 1,
    pendingChecks: suite.pendingChecks - (kase.check ? 0 : 1),
  });
}

function officerAssigned(state: State, event: Logged<'officer.assigned'>): void {
  const { data, at } = event;
  const officer = must(state.officers.get(data.officerId), data.officerId);
  state.officers.set(officer.id, {
    ...officer,
    status: 'travelling',
    suiteId: data.toSuiteId,
    fromSuiteId: data.fromSuiteId,
    journey: { departedAt: at, fromLat: officer.lat, fromLng: officer.lng },
    etaAt: data.etaAt,
    statusSince: at,
  });
  const record = {
    seq: event.seq,
    at,
    actor: event.actor,
    officerId: data.officerId,
    fromSuiteId: data.fromSuiteId,
    toSuiteId: data.toSuiteId,
    reason: data.reason,
  };
  state.assignments = [record, ...state.assignments.slice(0, ASSIGNMENTS_KEPT - 1)];
}

function officerArrived(state: State, { data, at }: Logged<'officer.arrived'>): void {
  const officer = must(state.officers.get(data.officerId), data.officerId);
  const suite = must(state.suites.get(data.suiteId), data.suiteId);
  state.officers.set(officer.id, {
    ...officer,
    status: 'at_suite',
    suiteId: suite.id,
    fromSuiteId: null,
    journey: null,
    etaAt: null,
    lat: suite.lat,
    lng: suite.lng,
    statusSince: at,
  });
}

function officersMoved(state: State, { data }: Logged<'officers.moved'>): void {
  for (const { officerId, lat, lng } of data.positions) {
    const officer = must(state.officers.get(officerId), officerId);
    state.officers.set(officerId, { ...officer, lat, lng });
  }
}

function officerRostered(state: State, { data, at }: Logged<'officer.rostered'>): void {
  const officer = must(state.officers.get(data.officerId), data.officerId);
  // Going off duty ends any deployment; coming on duty starts with none.
  state.officers.set(officer.id, {
    ...officer,
    status: data.status,
    suiteId: null,
    fromSuiteId: null,
    journey: null,
    etaAt: null,
    statusSince: at,
  });
}

function suiteOpenChanged(state: State, event: Logged<'suite.closed'> | Logged<'suite.reopened'>): void {
  const suite = must(state.suites.get(event.data.suiteId), event.data.suiteId);
  state.suites.set(suite.id, { ...suite, open: event.type === 'suite.reopened' });
}

/** Adds one arrival to its London day and hour, keeping only the most recent days. */
function countArrival(footfall: SuiteState['footfall'], at: number): SuiteState['footfall'] {
  const { day, hour } = londonDayHour(at);
  const hours = [...(footfall[day] ?? new Array<number>(24).fill(0))];
  hours[hour] = (hours[hour] ?? 0) + 1;
  const next: Record<string, readonly number[]> = { [day]: hours };
  const newest = Object.keys(footfall).reduce((a, b) => (a > b ? a : b), day);
  for (const [d, counts] of Object.entries(footfall)) {
    if (d !== day && daysBetween(d, newest) < FOOTFALL_DAYS) next[d] = counts;
  }
  return next;
}

function must<T>(value: T | undefined, id: string): T {
  if (value === undefined) throw new Error(`reducer: ${id} is not in state; the event should have been rejected`);
  return value;
}

function unreachable(event: never): never {
  throw new Error(`reducer: unhandled event ${JSON.stringify(event)}`);
}
