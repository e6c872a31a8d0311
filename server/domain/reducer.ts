import { daysBetween, isCaseFact, londonDayHour, type EventOf, type LoggedEvent } from '../../protocol/index.js';
import { applyCaseEvent, closeLapsedCases } from './case-reducer.js';
import { evaluateHighHarm } from './high-harm.js';
import { ASSIGNMENTS_KEPT, FOOTFALL_DAYS, type State, type SuiteState } from './state.js';

/**
 * Folds one logged event into state. Deterministic: it reads only the state and the event (no
 * clock), so replaying the log reproduces the live state exactly. Maps are updated in place on the
 * state it is given; entity objects are always replaced, never mutated. Events reach here only
 * after `decide*` or `checkFact` accepted them, so a missing entity is a bug: it throws.
 * Returns the custody references of cases the log's time closed as a side effect (see
 * closeLapsedCases), so the caller can tell screens about them too.
 */
export function applyEvent(state: State, event: LoggedEvent): string[] {
  state.lastEventAt = Math.max(state.lastEventAt ?? event.at, event.at);
  if (event.source !== 'command') state.lastFeedFactAt = Math.max(state.lastFeedFactAt ?? event.at, event.at);
  applyFact(state, event);
  return closeLapsedCases(state, event.type === 'arrest.booked' ? event.data.custodyRef : null);
}

function applyFact(state: State, event: LoggedEvent): void {
  if (isCaseFact(event)) return applyCaseEvent(state, event);
  switch (event.type) {
    case 'arrest.booked':
      applyCaseEvent(state, event);
      return countFootfall(state, event);
    case 'alert.acknowledged':
      state.acknowledgements.set(event.data.alertId, { by: event.actor, at: event.at, note: event.data.note });
      return;
    case 'high_harm.published':
      return highHarmPublished(state, event);
    case 'officer.assigned':
      return officerAssigned(state, event);
    case 'officer.acknowledged':
      return officerAcknowledged(state, event);
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

function countFootfall(state: State, { data }: Logged<'arrest.booked'>): void {
  const suite = must(state.suites.get(data.suiteId), data.suiteId);
  state.suites.set(suite.id, { ...suite, footfall: countArrival(suite.footfall, data.relevantTime) });
}

/** A new High Harm version: cases in custody are judged again; released ones keep their verdict. */
function highHarmPublished(state: State, { data, at, actor }: Logged<'high_harm.published'>): void {
  const ruleSet = { version: data.version, definition: data.definition, publishedAt: at, publishedBy: actor, reason: data.reason };
  state.highHarm = ruleSet;
  state.highHarmHistory = [...state.highHarmHistory, ruleSet];
  for (const [ref, kase] of state.cases) {
    state.cases.set(ref, { ...kase, highHarm: evaluateHighHarm(ruleSet, kase, kase.region) });
  }
}

function officerAssigned(state: State, event: Logged<'officer.assigned'>): void {
  const { data, at, seq, actor } = event;
  const officer = must(state.officers.get(data.officerId), data.officerId);
  state.officers.set(officer.id, {
    ...officer,
    status: 'travelling',
    suiteId: data.toSuiteId,
    journey: { departedAt: at, fromLat: officer.lat, fromLng: officer.lng },
    etaAt: data.etaAt,
    statusSince: at,
    version: event.seq,
    move: { seq, at, by: actor, reason: data.reason, toSuiteId: data.toSuiteId, origin: data.origin, acknowledgedAt: null },
  });
  const record = {
    seq,
    at,
    actor,
    officerId: data.officerId,
    origin: data.origin,
    toSuiteId: data.toSuiteId,
    reason: data.reason,
    demand: data.demand,
    recommended: data.recommended,
  };
  state.assignments = [record, ...state.assignments.slice(0, ASSIGNMENTS_KEPT - 1)];
}

function officerAcknowledged(state: State, { data, at }: Logged<'officer.acknowledged'>): void {
  const officer = must(state.officers.get(data.officerId), data.officerId);
  // Decided against the move it names; a replay of the same log finds the same move.
  if (officer.move?.seq !== data.moveSeq) return;
  state.officers.set(officer.id, { ...officer, move: { ...officer.move, acknowledgedAt: at } });
}

function officerArrived(state: State, { data, at, seq }: Logged<'officer.arrived'>): void {
  const officer = must(state.officers.get(data.officerId), data.officerId);
  const suite = must(state.suites.get(data.suiteId), data.suiteId);
  state.officers.set(officer.id, {
    ...officer,
    status: 'at_suite',
    suiteId: suite.id,
    journey: null,
    etaAt: null,
    lat: suite.lat,
    lng: suite.lng,
    statusSince: at,
    version: seq,
    // The move that brought them stays their assignment; arriving anywhere else ends it.
    move: officer.move?.toSuiteId === suite.id ? officer.move : null,
    positionAt: at,
  });
}

function officersMoved(state: State, { data, at }: Logged<'officers.moved'>): void {
  for (const { officerId, lat, lng } of data.positions) {
    const officer = must(state.officers.get(officerId), officerId);
    state.officers.set(officerId, { ...officer, lat, lng, positionAt: at });
  }
}

function officerRostered(state: State, { data, at, seq }: Logged<'officer.rostered'>): void {
  const officer = must(state.officers.get(data.officerId), data.officerId);
  // Going off duty ends any deployment; coming on duty (or becoming free) starts with none.
  state.officers.set(officer.id, {
    ...officer,
    status: data.status,
    suiteId: null,
    journey: null,
    etaAt: null,
    statusSince: at,
    version: seq,
    move: null,
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
