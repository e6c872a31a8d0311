import type { CheckOutcome } from '../../protocol/index.js';
import { decideAcknowledgeMove, decideArrive, decideRecordCheck, decideStartCheck, type Decision, type OfficerState, type State } from '../domain/index.js';
import { ACK_MS, LATE_ACK_MS, LATE_ACK_SHARE } from './demand-model.js';
import { Rng } from './random.js';

/**
 * What the simulator's officers do on their phones: the same commands a signed-in officer sends
 * (socket-handlers.ts), decided by the same domain functions, so the log shows the whole loop
 * (move, acknowledgement, arrival, check) with the officer as actor.
 */
export type OfficerAct =
  | { kind: 'acknowledge'; officerId: string; moveSeq: number }
  | { kind: 'arrive'; officerId: string; suiteId: string }
  | { kind: 'start-check'; officerId: string; custodyRef: string }
  | { kind: 'record-check'; officerId: string; custodyRef: string; outcome: CheckOutcome };

/** Who an act is recorded as: the officer, played by the simulator. */
export const actorOf = (officerId: string): string => `simulator: ${officerId}`;

/** The domain's decision for an act, as the socket handler would make it for that officer. */
export function decideOfficerAct(state: State, act: OfficerAct): Decision {
  const checker = { name: actorOf(act.officerId), officerId: act.officerId };
  switch (act.kind) {
    case 'acknowledge':
      return decideAcknowledgeMove(state, { officerId: act.officerId, moveSeq: act.moveSeq });
    case 'arrive':
      return decideArrive(state, { officerId: act.officerId, suiteId: act.suiteId });
    case 'start-check':
      return decideStartCheck(state, { custodyRef: act.custodyRef, mode: 'face_to_face' }, checker);
    case 'record-check':
      return decideRecordCheck(state, { custodyRef: act.custodyRef, mode: 'face_to_face', outcome: act.outcome }, checker);
  }
}

/**
 * How long after a move was sent the officer acknowledges it (and so sets off): a pure function of
 * seed, officer and the move's time, so a restarted simulator acknowledges, moves and arrives when
 * the first run would have.
 */
export function ackDelayMs(seed: number, officerId: string, sentAt: number): number {
  const rng = Rng.from(seed, 'ack', officerId, sentAt);
  const [min, max] = rng.chance(LATE_ACK_SHARE) ? LATE_ACK_MS : ACK_MS;
  return Math.round(rng.uniform(min, max));
}

/** When a travelling officer's move was sent (a journey from before moves were kept: its ETA). */
export const sentAt = (officer: Pick<OfficerState, 'move' | 'etaAt'>): number => officer.move?.at ?? officer.etaAt ?? 0;
