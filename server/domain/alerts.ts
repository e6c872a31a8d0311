import { alertId, CANNOT_ATTEND_REASON_LABEL, compareAlerts, londonHM, type AlertKind, type AlertView } from '../../protocol/index.js';
import { awaitingCheck, deadlineOf, etdRequired, ofImmigrationInterest } from './cases.js';
import type { Routing } from './queues.js';
import type { State } from './state.js';

const HOUR = 3_600_000;

export interface AlertSettings {
  /** Warn when a case of interest has less PACE time left than this and no check (default 4 h). */
  paceWarningMs: number;
  /** Warn when a High Harm case has waited longer than this for a check (default 1 h). */
  highHarmWaitMs: number;
  /**
   * How long acknowledging a suite overload covers it (default 1 h). A case's alerts happen once
   * per case; a suite can be overloaded again and again, so its acknowledgement lapses and a
   * continuing or later overload asks for attention again.
   */
  overloadAckMs: number;
  /** Warn when an officer has not acknowledged a move this long after it was sent (default 5 min). */
  moveAckMs: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { paceWarningMs: 4 * HOUR, highHarmWaitMs: 1 * HOUR, overloadAckMs: 1 * HOUR, moveAckMs: 5 * 60_000 };

/**
 * The acknowledgement that still covers an alert now, if any. An alert raised by a fact (a move,
 * a "cannot attend") is covered only by an acknowledgement made after that fact: the same officer
 * or case can raise it again. A suite overload's acknowledgement lapses after a while.
 */
function standingAck(state: State, id: string, kind: AlertKind, raisedAt: number, now: number, settings: AlertSettings) {
  const ack = state.acknowledgements.get(id);
  if (!ack || ack.at < raisedAt) return null;
  return kind === 'suite_overloaded' && now - ack.at >= settings.overloadAckMs ? null : ack;
}

/** An alert in force: the same shape every screen receives. */
export type Alert = AlertView;

/**
 * The alerts in force now: each is a condition on state and time, so every screen computes the
 * same list from the same state. An acknowledgement is kept by alert id. Messages name instants
 * (London time), never durations: an alert changes when its condition does, not every minute, so
 * the derived view travels as small changes (decision 58).
 */
export function activeAlerts(state: State, routing: Routing, now: number, settings: AlertSettings = DEFAULT_ALERT_SETTINGS): Alert[] {
  const alerts: Alert[] = [];
  const add = (kind: AlertKind, subject: string, suiteId: string, custodyRef: string | null, message: string, since: number, raisedAt = 0) => {
    const id = alertId(kind, subject);
    alerts.push({ id, kind, suiteId, custodyRef, message, since, acknowledged: standingAck(state, id, kind, raisedAt, now, settings) });
  };
  for (const kase of state.cases.values()) {
    const suite = state.suites.get(kase.suiteId)?.name ?? kase.suiteId;
    const left = deadlineOf(kase) - now;
    if (awaitingCheck(kase) && ofImmigrationInterest(kase) && left < settings.paceWarningMs)
      add('pace_running_out', kase.custodyRef, kase.suiteId, kase.custodyRef, `${kase.custodyRef} at ${suite}: PACE time runs out at ${londonHM(deadlineOf(kase))}, no status check`, deadlineOf(kase) - settings.paceWarningMs);
    if (awaitingCheck(kase) && kase.highHarm.highHarm && now - kase.relevantTime > settings.highHarmWaitMs)
      add('high_harm_waiting', kase.custodyRef, kase.suiteId, kase.custodyRef, `High Harm ${kase.custodyRef} at ${suite} waiting since ${londonHM(kase.relevantTime)} for a check`, kase.relevantTime + settings.highHarmWaitMs);
    const declined = kase.declined;
    if (declined && awaitingCheck(kase) && kase.checkStarted === null) {
      const note = declined.note ? ` (${declined.note})` : '';
      add('cannot_attend', kase.custodyRef, kase.suiteId, kase.custodyRef, `${declined.officerId} cannot attend ${kase.custodyRef} at ${suite}: ${CANNOT_ATTEND_REASON_LABEL[declined.reason]}${note}; it is in the CCU queue`, declined.at, declined.at);
    }
    if (etdRequired(kase) && kase.etdAppliedAt === null)
      add('etd_missing', kase.custodyRef, kase.suiteId, kase.custodyRef, `${kase.custodyRef} at ${suite} needs an ETD application before leaving custody`, kase.decision?.at ?? kase.check?.at ?? now);
  }
  for (const officer of state.officers.values()) {
    const move = officer.move;
    if (officer.status !== 'travelling' || !move || move.acknowledgedAt !== null || now - move.at < settings.moveAckMs) continue;
    const suite = state.suites.get(move.toSuiteId)?.name ?? move.toSuiteId;
    add('move_unacknowledged', officer.id, move.toSuiteId, null, `${officer.id} has not acknowledged the move to ${suite} sent at ${londonHM(move.at)}`, move.at + settings.moveAckMs, move.at);
  }
  // Earliest relevant time in each suite's CCU queue, in one pass (not one pass per suite).
  const waitingSince = new Map<string, number>();
  for (const k of routing.ccuQueue) waitingSince.set(k.suiteId, Math.min(waitingSince.get(k.suiteId) ?? Infinity, k.relevantTime));
  for (const [suiteId, c] of Object.entries(routing.capacity)) {
    // A lone case at an unstaffed suite is routine CCU work; a backlog, or staff overwhelmed, is not.
    const short = c.queue - c.canClear;
    if (short === 0 || (c.officers === 0 && short < 3)) continue;
    const suite = state.suites.get(suiteId)?.name ?? suiteId;
    const since = Math.min(waitingSince.get(suiteId) ?? now, now);
    // The counts are in the suite's capacity (screens show them beside the alert): in the message they would
    // change the alert with every arrival and check (decision 58).
    const who = c.officers === 0 ? 'no officer there to check them' : 'more than the officers there can check';
    add('suite_overloaded', suiteId, suiteId, null, `${suite}: people waiting, ${who} in time; ask the CCU for support`, since);
  }
  return alerts.sort(compareAlerts);
}
