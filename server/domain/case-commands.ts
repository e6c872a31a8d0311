import type { AcknowledgeAlert, HighHarmDefinition, RecordCheck, ReleaseCheck, SetNonAttendanceReason, StartCheck } from '../../protocol/index.js';
import type { Alert } from './alerts.js';
import { findCase } from './case-reducer.js';
import { nonAttendanceOf, type CaseState } from './cases.js';
import type { Decision, Rejection } from './decisions.js';
import { highHarmContradictions } from './high-harm.js';
import type { State } from './state.js';

const refuse = (code: Rejection['code'], message: string): Decision => ({ ok: false, rejection: { code, message } });

function openCase(state: State, ref: string) {
  const kase = findCase(state, ref);
  if (!kase) return { error: refuse('unknown_case', `No case with custody reference ${ref}.`) };
  if (kase.released) return { error: refuse('case_released', `${ref} has been released; there is nothing to check.`) };
  if (kase.check) return { error: refuse('already_checked', `${ref} has already been checked.`) };
  return { kase };
}

/**
 * Who is checking: a CCU operator working remotely (no call sign), or an officer at the suite
 * (their call sign). `name` is the person, as the log's actor names them.
 */
export interface Checker {
  name: string;
  officerId: string | null;
}

/** An officer checks face to face, so only people at the suite they are at. */
function officerAtCase(state: State, officerId: string, kase: CaseState): Decision | null {
  const officer = state.officers.get(officerId);
  if (!officer) return refuse('unknown_officer', `No officer with call sign ${officerId}.`);
  const suite = state.suites.get(kase.suiteId)?.name ?? kase.suiteId;
  if (officer.suiteId !== kase.suiteId) return refuse('forbidden', `${kase.custodyRef} is at ${suite}, not at your suite.`);
  if (officer.status !== 'at_suite') return refuse('impossible_transition', `You have not arrived at ${suite} yet: say you have arrived first.`);
  return null;
}

/** Who holds a check someone took: the officer's call sign, or the person (or feed) who took it. */
export function takerOf(started: NonNullable<CaseState['checkStarted']>): string {
  return started.officerId ?? started.by;
}

/**
 * A CCU operator takes a case from the remote queue, or an officer at the suite starts a check
 * face to face. Either way the case is theirs until they record it (or a duty manager releases it).
 */
export function decideStartCheck(state: State, command: StartCheck, checker: Checker): Decision {
  const { kase, error } = openCase(state, command.custodyRef);
  if (error) return error;
  if (checker.officerId) {
    const away = officerAtCase(state, checker.officerId, kase);
    if (away) return away;
  }
  if (kase.checkStarted)
    return refuse('impossible_transition', `${kase.custodyRef} is already being checked (${kase.checkStarted.mode.replace('_', ' ')}, by ${takerOf(kase.checkStarted)}).`);
  return { ok: true, events: [{ type: 'check.started', data: { custodyRef: kase.custodyRef, officerId: checker.officerId, mode: command.mode } }] };
}

/**
 * The outcome of a check, recorded by whoever took it (taking it is implied if nobody had). A
 * check someone else holds is theirs to record, or a duty manager's to release first.
 */
export function decideRecordCheck(state: State, command: RecordCheck, checker: Checker): Decision {
  const { kase, error } = openCase(state, command.custodyRef);
  if (error) return error;
  if (checker.officerId) {
    const away = officerAtCase(state, checker.officerId, kase);
    if (away) return away;
  }
  const started = kase.checkStarted;
  const mine = started === null || (checker.officerId !== null ? started.officerId === checker.officerId : started.officerId === null && started.by === checker.name);
  if (!mine)
    return refuse('forbidden', `${kase.custodyRef} was taken by ${takerOf(started)}: only they can record it, or a duty manager can release it.`);
  return {
    ok: true,
    events: [{ type: 'check.completed', data: { custodyRef: kase.custodyRef, officerId: checker.officerId, mode: command.mode, outcome: command.outcome } }],
  };
}

/** A duty manager frees a check that was taken and not recorded (the taker left, or it stalled). */
export function decideReleaseCheck(state: State, command: ReleaseCheck): Decision {
  const { kase, error } = openCase(state, command.custodyRef);
  if (error) return error;
  if (!kase.checkStarted) return refuse('impossible_transition', `Nobody has taken ${kase.custodyRef}; there is nothing to release.`);
  return { ok: true, events: [{ type: 'check.released', data: { custodyRef: kase.custodyRef, note: command.note } }] };
}

/** A duty manager gives or corrects why nobody attended before a release. */
export function decideSetReason(state: State, command: SetNonAttendanceReason): Decision {
  const kase = findCase(state, command.custodyRef);
  if (!kase) return refuse('unknown_case', `No case with custody reference ${command.custodyRef}.`);
  if (!nonAttendanceOf(kase)) return refuse('impossible_transition', `${kase.custodyRef} is not a release without IO attendance.`);
  return { ok: true, events: [{ type: 'non_attendance.reason_set', data: command }] };
}

/** A person acknowledges an alert that is in force now. */
export function decideAcknowledge(command: AcknowledgeAlert, alerts: readonly Alert[]): Decision {
  const alert = alerts.find((a) => a.id === command.alertId);
  if (!alert) return refuse('unknown_alert', `There is no alert ${command.alertId} in force now.`);
  if (alert.acknowledged) return refuse('impossible_transition', `That alert was already acknowledged by ${alert.acknowledged.by}.`);
  return { ok: true, events: [{ type: 'alert.acknowledged', data: command }] };
}

/** Publishes the next High Harm version, if it does not contradict the national definition. */
export function decidePublishHighHarm(state: State, definition: HighHarmDefinition, reason: string): Decision {
  const regions = new Set([...state.suites.values()].map((s) => s.region));
  const problems = highHarmContradictions(definition, regions);
  if (problems.length) return refuse('invalid_rule_set', `The rule set contradicts the national definition: ${problems.join('; ')}.`);
  const version = (state.highHarm?.version ?? 0) + 1;
  return { ok: true, events: [{ type: 'high_harm.published', data: { version, definition, reason } }] };
}
