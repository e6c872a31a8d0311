import { z } from 'zod';
import { CustodyRef, FreeText, Instant, Latitude, Longitude, Nationality, OfficerId, SuiteId } from './ids.js';
import { CheckMode, CheckOutcome, Disposal, RosterStatus } from './vocabulary.js';

/**
 * Every fact the system knows, as `{ type, data }`. The event log stores exactly these; the
 * reducer folds them into state. Adding a type here makes every exhaustive switch fail to build
 * until it is handled.
 */
export const ArrestBooked = z.strictObject({
  custodyRef: CustodyRef,
  suiteId: SuiteId,
  nationality: Nationality,
  iabsMatch: z.boolean(),
  /** PACE "relevant time": normally arrival at the first police station. */
  relevantTime: Instant,
});
export const CheckCompleted = z.strictObject({
  custodyRef: CustodyRef,
  /** null when done remotely by the CCU rather than by a named officer. */
  officerId: OfficerId.nullable(),
  mode: CheckMode,
  outcome: CheckOutcome,
});
export const DetaineeReleased = z.strictObject({ custodyRef: CustodyRef, disposal: Disposal });
export const OfficerAssigned = z.strictObject({
  officerId: OfficerId,
  fromSuiteId: SuiteId.nullable(),
  toSuiteId: SuiteId,
  reason: FreeText(200).nullable(),
  /** When the officer is expected at the suite, from the road-travel estimate. */
  etaAt: Instant,
});
export const OfficerArrived = z.strictObject({ officerId: OfficerId, suiteId: SuiteId });
export const OfficerPosition = z.strictObject({ officerId: OfficerId, lat: Latitude, lng: Longitude });
/** Positions are batched: one event per feed tick, not one per officer. */
export const OfficersMoved = z.strictObject({ positions: z.array(OfficerPosition).min(1).max(5000) });
export const OfficerRostered = z.strictObject({ officerId: OfficerId, status: RosterStatus });
export const SuiteClosed = z.strictObject({ suiteId: SuiteId });
export const SuiteReopened = z.strictObject({ suiteId: SuiteId });

export const DomainEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('arrest.booked'), data: ArrestBooked }),
  z.strictObject({ type: z.literal('check.completed'), data: CheckCompleted }),
  z.strictObject({ type: z.literal('detainee.released'), data: DetaineeReleased }),
  z.strictObject({ type: z.literal('officer.assigned'), data: OfficerAssigned }),
  z.strictObject({ type: z.literal('officer.arrived'), data: OfficerArrived }),
  z.strictObject({ type: z.literal('officers.moved'), data: OfficersMoved }),
  z.strictObject({ type: z.literal('officer.rostered'), data: OfficerRostered }),
  z.strictObject({ type: z.literal('suite.closed'), data: SuiteClosed }),
  z.strictObject({ type: z.literal('suite.reopened'), data: SuiteReopened }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
export type OfficerPosition = z.infer<typeof OfficerPosition>;

/** Who and where a fact came from, stored beside it. */
export interface EventMeta {
  /** When it happened (the feed's clock, or the server's for commands). */
  at: number;
  /** Person or system that caused it: a user, "simulator", or "feed:<source>". */
  actor: string;
  /** Feed that sent it, or "command" for a person's action. */
  source: string;
  /** The source's own id, for idempotent ingest; null for commands. */
  sourceEventId: string | null;
}

/** A fact as stored: global, gap-free sequence number plus metadata. */
export type LoggedEvent = DomainEvent & EventMeta & { seq: number; recordedAt: number };
