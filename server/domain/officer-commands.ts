import type { AcknowledgeMove, CannotAttend, ReportArrival, SetAvailability } from '../../protocol/index.js';
import { findCase } from './case-reducer.js';
import { awaitingCheck } from './cases.js';
import type { Decision, Rejection } from './decisions.js';
import type { OfficerState, State } from './state.js';

const refuse = (code: Rejection['code'], message: string): Decision => ({ ok: false, rejection: { code, message } });

function officerOf(state: State, officerId: string): { officer: OfficerState; error?: never } | { officer?: never; error: Decision } {
  const officer = state.officers.get(officerId);
  if (!officer) return { error: refuse('unknown_officer', `No officer with call sign ${officerId}.`) };
  return { officer };
}

const suiteName = (state: State, id: string | null) => (id ? (state.suites.get(id)?.name ?? id) : 'no suite');

/**
 * The officer has seen their move. It names the move (its sequence number), so a screen still
 * showing an older move cannot acknowledge a newer one it has not shown.
 */
export function decideAcknowledgeMove(state: State, command: AcknowledgeMove): Decision {
  const { officer, error } = officerOf(state, command.officerId);
  if (error) return error;
  const move = officer.move;
  if (!move || move.seq !== command.moveSeq)
    return refuse('impossible_transition', move ? `That move was replaced: you are now sent to ${suiteName(state, move.toSuiteId)}.` : 'You have no move to acknowledge.');
  if (move.acknowledgedAt !== null) return refuse('impossible_transition', 'You have already acknowledged this move.');
  if (officer.status !== 'travelling') return refuse('impossible_transition', `You are already at ${suiteName(state, officer.suiteId)}.`);
  return { ok: true, events: [{ type: 'officer.acknowledged', data: { officerId: officer.id, moveSeq: move.seq } }] };
}

/**
 * The officer is at a suite: the one they were sent to, or (free, not sent anywhere) one they
 * went to on their own. An officer at one suite, or on the way to another, is moved by a duty
 * manager, not by saying they are somewhere else.
 */
export function decideArrive(state: State, command: ReportArrival): Decision {
  const { officer, error } = officerOf(state, command.officerId);
  if (error) return error;
  const suite = state.suites.get(command.suiteId);
  if (!suite) return refuse('unknown_suite', `No custody suite with id ${command.suiteId}.`);
  if (!suite.open) return refuse('suite_closed', `${suite.name} is closed.`);
  switch (officer.status) {
    case 'off_duty':
      return refuse('officer_off_duty', 'You are off duty: say you are available first.');
    case 'at_suite':
      return refuse('impossible_transition', officer.suiteId === suite.id ? `You are already at ${suite.name}.` : `You are at ${suiteName(state, officer.suiteId)}; ask your duty manager to move you.`);
    case 'travelling':
      if (officer.suiteId !== suite.id) return refuse('impossible_transition', `You were sent to ${suiteName(state, officer.suiteId)}, not ${suite.name}.`);
      break;
    case 'available':
      break;
  }
  return { ok: true, events: [{ type: 'officer.arrived', data: { officerId: officer.id, suiteId: suite.id } }] };
}

/**
 * Available (free, e.g. leaving a suite with nothing left to do) or off duty. Not while a check
 * they took is unrecorded: it would sit "taken" with nobody doing it. On the road, the duty
 * manager who sent them changes the move.
 */
export function decideSetAvailability(state: State, command: SetAvailability): Decision {
  const { officer, error } = officerOf(state, command.officerId);
  if (error) return error;
  if (officer.status === command.status) return refuse('impossible_transition', `You are already ${command.status === 'available' ? 'available' : 'off duty'}.`);
  if (command.status === 'available' && officer.status === 'travelling')
    return refuse('impossible_transition', `You are on the way to ${suiteName(state, officer.suiteId)}: say you have arrived, or ask your duty manager to change the move.`);
  for (const kase of state.cases.values()) {
    if (kase.checkStarted?.officerId === officer.id && kase.check === null)
      return refuse('impossible_transition', `You have a check under way for ${kase.custodyRef}: record it first, or ask your duty manager to release it.`);
  }
  return { ok: true, events: [{ type: 'officer.rostered', data: { officerId: officer.id, status: command.status } }] };
}

/**
 * An officer at (or on the way to) a suite cannot attend someone waiting there, and says why. The
 * case goes to the CCU queue (queues.ts) and the duty managers see the reason at once (alerts.ts).
 */
export function decideCannotAttend(state: State, command: CannotAttend): Decision {
  const { officer, error } = officerOf(state, command.officerId);
  if (error) return error;
  const kase = findCase(state, command.custodyRef);
  if (!kase) return refuse('unknown_case', `No case with custody reference ${command.custodyRef}.`);
  if (officer.suiteId !== kase.suiteId || (officer.status !== 'at_suite' && officer.status !== 'travelling'))
    return refuse('forbidden', `${kase.custodyRef} is at ${suiteName(state, kase.suiteId)}, not at your suite.`);
  if (!awaitingCheck(kase)) return refuse('impossible_transition', `${kase.custodyRef} no longer needs a check.`);
  if (kase.checkStarted?.officerId === officer.id)
    return refuse('impossible_transition', `You have started the check for ${kase.custodyRef}: record it, or ask your duty manager to release it.`);
  if (command.reason === 'other' && !command.note) return refuse('reason_required', 'Say in a few words why you cannot attend.');
  return { ok: true, events: [{ type: 'attendance.declined', data: { ...command, officerId: officer.id } }] };
}
