import { haversineKm, isCaseFact, reasonNeeded, REASON_NEEDED_MESSAGE, travelMs, type AssignOfficer, type DomainEvent, type ErrorCode, type MoveOrigin } from '../../protocol/index.js';
import { findCase } from './case-reducer.js';
import { checkCaseFact } from './case-facts.js';
import { detentionLimits } from './pace.js';
import type { OfficerState, State } from './state.js';

/** A known reason to refuse, with a message a person can act on. */
export interface Rejection {
  code: ErrorCode;
  message: string;
}

export type Decision = { ok: true; events: DomainEvent[] } | { ok: false; rejection: Rejection };

const reject = (code: ErrorCode, message: string): { ok: false; rejection: Rejection } => ({
  ok: false,
  rejection: { code, message },
});

/**
 * A duty manager sends an officer to a suite. The officer sets off now and is expected after the
 * road-travel estimate; the move records where they came from. A move of more than 90 minutes
 * on the road, or into another region, must say why.
 */
export function decideAssign(state: State, command: AssignOfficer, now: number, recommended = false): Decision {
  const officer = state.officers.get(command.officerId);
  if (!officer) return reject('unknown_officer', `No officer with call sign ${command.officerId}.`);
  const suite = state.suites.get(command.suiteId);
  if (!suite) return reject('unknown_suite', `No custody suite with id ${command.suiteId}.`);
  if (!suite.open) return reject('suite_closed', `${suite.name} is closed; choose an open suite.`);
  if (command.officerVersion !== undefined && command.officerVersion !== officer.version)
    return reject('conflict', `${officer.id} was moved or changed status since you looked (now ${officer.status.replace('_', ' ')}${officer.suiteId ? `, ${officer.suiteId}` : ''}); check and try again.`);
  if (officer.status === 'off_duty') return reject('officer_off_duty', `${officer.id} is off duty.`);
  if (officer.suiteId === suite.id) {
    const where = officer.status === 'travelling' ? 'already on the way to' : 'already at';
    return reject('already_assigned', `${officer.id} is ${where} ${suite.name}.`);
  }
  const needed = reasonNeeded(officer, suite);
  if (needed && !command.reason) return reject('reason_required', `${REASON_NEEDED_MESSAGE[needed]} Say why ${officer.id} should go to ${suite.name}.`);
  const etaAt = now + travelMs(officer, suite, officer.region);
  return {
    ok: true,
    events: [
      {
        type: 'officer.assigned',
        data: {
          officerId: officer.id,
          origin: originOf(state, officer),
          toSuiteId: suite.id,
          reason: command.reason ?? null,
          etaAt,
          demand: { inCustody: suite.inCustody, pending: suite.pendingChecks },
          recommended,
        },
      },
    ],
  };
}

/** Where an officer is as a move begins: at a suite, on the way to one, or free near a suite. */
export function originOf(state: State, officer: OfficerState): MoveOrigin {
  if (officer.suiteId && officer.status === 'at_suite') return { kind: 'at_suite', suiteId: officer.suiteId };
  if (officer.suiteId && officer.status === 'travelling') return { kind: 'travelling', suiteId: officer.suiteId };
  return { kind: 'available', lat: officer.lat, lng: officer.lng, nearestSuiteId: nearestSuite(state, officer) };
}

/** The nearest open suite to a place, as the crow flies: how people name where an officer stood. */
function nearestSuite(state: State, at: { lat: number; lng: number }): string | null {
  let best: { id: string; km: number } | null = null;
  for (const s of state.suites.values()) {
    if (!s.open) continue;
    const km = haversineKm(at, s);
    if (!best || km < best.km || (km === best.km && s.id < best.id)) best = { id: s.id, km };
  }
  return best?.id ?? null;
}

/**
 * Whether a fact from a feed fits the current state. Facts are not ours to change, but one that
 * names something unknown or impossible is refused whole, so a bad feed cannot corrupt the log.
 */
export function checkFact(state: State, fact: DomainEvent, at: number): Rejection | null {
  if (isCaseFact(fact)) return checkCaseFact(state, fact, at);
  switch (fact.type) {
    case 'arrest.booked': {
      const suite = state.suites.get(fact.data.suiteId);
      if (!suite) return { code: 'unknown_suite', message: `No custody suite with id ${fact.data.suiteId}.` };
      if (!suite.open) return { code: 'suite_closed', message: `${suite.name} is closed and cannot take arrivals.` };
      if (findCase(state, fact.data.custodyRef))
        return { code: 'duplicate_case', message: `Custody reference ${fact.data.custodyRef} is already in use.` };
      return impossibleRelevantTime(fact.data.relevantTime, at, suite.region);
    }
    case 'alert.acknowledged':
    case 'high_harm.published':
    case 'officer.acknowledged':
      // People's commands, decided (and checked) by their decide functions; a feed cannot send them.
      return null;
    case 'officer.assigned':
      return knownOfficer(state, fact.data.officerId) ?? knownSuite(state, fact.data.toSuiteId);
    case 'officer.arrived':
      return knownOfficer(state, fact.data.officerId) ?? knownSuite(state, fact.data.suiteId);
    case 'officers.moved':
      for (const p of fact.data.positions) {
        const unknown = knownOfficer(state, p.officerId);
        if (unknown) return unknown;
      }
      return null;
    case 'officer.rostered':
      return knownOfficer(state, fact.data.officerId);
    case 'suite.closed':
    case 'suite.reopened':
      return knownSuite(state, fact.data.suiteId);
    default:
      return unreachable(fact);
  }
}

/** Clocks of two systems may differ by this much; more than that and a time is simply wrong. */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

/**
 * The PACE clock starts on arrival, so it cannot start after the booking; and nobody is booked in
 * after the longest detention the law allows has already run out.
 */
function impossibleRelevantTime(relevantTime: number, bookedAt: number, region: string): Rejection | null {
  const iso = (t: number) => new Date(t).toISOString();
  if (relevantTime > bookedAt + CLOCK_TOLERANCE_MS)
    return { code: 'invalid_input', message: `relevantTime ${iso(relevantTime)} is after the booking (${iso(bookedAt)}).` };
  const { maxHours } = detentionLimits(region);
  if (relevantTime < bookedAt - maxHours * 3_600_000)
    return { code: 'invalid_input', message: `relevantTime ${iso(relevantTime)} is more than ${maxHours} h (the longest detention in ${region}) before the booking.` };
  return null;
}

function knownOfficer(state: State, id: string): Rejection | null {
  return state.officers.has(id) ? null : { code: 'unknown_officer', message: `No officer with call sign ${id}.` };
}

function knownSuite(state: State, id: string): Rejection | null {
  return state.suites.has(id) ? null : { code: 'unknown_suite', message: `No custody suite with id ${id}.` };
}

function unreachable(fact: never): never {
  throw new Error(`checkFact: unhandled fact ${JSON.stringify(fact)}`);
}
