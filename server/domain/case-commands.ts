import type { AcknowledgeAlert, HighHarmDefinition, RecordCheck, SetNonAttendanceReason, StartCheck } from '../../protocol/index.js';
import type { Alert } from './alerts.js';
import { findCase } from './case-reducer.js';
import { nonAttendanceOf } from './cases.js';
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

/** A CCU operator takes a case from the remote queue (an officer's check arrives from a feed). */
export function decideStartCheck(state: State, command: StartCheck): Decision {
  const { kase, error } = openCase(state, command.custodyRef);
  if (error) return error;
  if (kase.checkStarted)
    return refuse('impossible_transition', `${kase.custodyRef} is already being checked (${kase.checkStarted.mode.replace('_', ' ')}).`);
  return { ok: true, events: [{ type: 'check.started', data: { custodyRef: kase.custodyRef, officerId: null, mode: command.mode } }] };
}

/** A CCU operator records the outcome; taking the case first is implied if they had not. */
export function decideRecordCheck(state: State, command: RecordCheck): Decision {
  const { kase, error } = openCase(state, command.custodyRef);
  if (error) return error;
  return {
    ok: true,
    events: [{ type: 'check.completed', data: { custodyRef: kase.custodyRef, officerId: null, mode: command.mode, outcome: command.outcome } }],
  };
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
