import { z } from 'zod';
import { CustodyRef, FreeText, Instant, Latitude, Longitude, Nationality, OfficerId, SuiteId } from './ids.js';
import { HighHarmDefinition } from './high-harm.js';
import {
  CannotAttendReason,
  CaseOutcome,
  CheckMode,
  CheckOutcome,
  Decision,
  Disposal,
  IntelFlag,
  NonAttendanceReason,
  OffenceCategory,
  RosterStatus,
  TravelDocument,
} from './vocabulary.js';

/**
 * The data of every fact the system knows. Each is registered, with who may send it and what it
 * touches, in event-registry.ts: the event union, the ingest shapes, the case lists and the region
 * checks are all derived from that registry.
 */
export const ArrestBooked = z.strictObject({
  custodyRef: CustodyRef,
  suiteId: SuiteId,
  nationality: Nationality,
  iabsMatch: z.boolean(),
  /** PACE "relevant time": normally arrival at the first police station. */
  relevantTime: Instant,
  offenceCategory: OffenceCategory,
  intelFlags: z.array(IntelFlag).max(10).default([]),
  /** Prior recorded offences (UK and, once ACRO returns, overseas). */
  priorOffences: z.number().int().min(0).max(500).default(0),
});
const CaseFact = z.strictObject({ custodyRef: CustodyRef });
/** Police referred the person to Immigration Enforcement (embedded IO or CCU). */
export const CaseReferred = CaseFact;
export const AcroRequested = CaseFact;
export const AcroReturned = z.strictObject({ custodyRef: CustodyRef, overseasConvictions: z.boolean() });
export const CheckStarted = z.strictObject({ custodyRef: CustodyRef, officerId: OfficerId.nullable(), mode: CheckMode });
export const InterviewHeld = z.strictObject({ custodyRef: CustodyRef, officerId: OfficerId });
export const DecisionMade = z.strictObject({ custodyRef: CustodyRef, officerId: OfficerId.nullable(), decision: Decision });
export const TravelDocumentRecorded = z.strictObject({ custodyRef: CustodyRef, document: TravelDocument });
export const EtdApplied = z.strictObject({ custodyRef: CustodyRef, officerId: OfficerId.nullable() });
export const EtdAgreed = CaseFact;
/** A superintendent (36 h) or magistrates (up to 96 h) extended detention; Scotland up to 24 h. */
export const PaceExtended = z.strictObject({ custodyRef: CustodyRef, limitHours: z.number().int().min(13).max(96) });
export const CaseTransferred = z.strictObject({ custodyRef: CustodyRef, toSuiteId: SuiteId });
/** A duty manager gives or corrects the reason for a release without IO attendance. */
export const NonAttendanceReasonSet = z.strictObject({
  custodyRef: CustodyRef,
  reason: NonAttendanceReason,
  note: FreeText(300).nullable(),
});
export const AlertAcknowledged = z.strictObject({ alertId: z.string().regex(/^[a-z_]+:[A-Za-z0-9/-]{1,64}$/), note: FreeText(300).nullable() });
export const HighHarmPublished = z.strictObject({ version: z.number().int().min(1), definition: HighHarmDefinition, reason: FreeText(300) });
export const CheckCompleted = z.strictObject({
  custodyRef: CustodyRef,
  /** null when done remotely by the CCU rather than by a named officer. */
  officerId: OfficerId.nullable(),
  mode: CheckMode,
  outcome: CheckOutcome,
});
/**
 * The casework feed: what was finally done about the person. Each outcome is recorded once per
 * case; unlike other case facts it may come after the police released them (a removal weeks later).
 */
export const OutcomeRecorded = z.strictObject({ custodyRef: CustodyRef, outcome: CaseOutcome });
export const DetaineeReleased = z.strictObject({ custodyRef: CustodyRef, disposal: Disposal });
/**
 * Where an officer was when a move began: at a suite, on the way to one (the move replaced that
 * journey), or free at a place (with the nearest suite, so people can read it). Moves stored
 * before this was kept read as "not recorded" (db/event-upgrades.ts).
 */
export const MoveOrigin = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('at_suite'), suiteId: SuiteId }),
  z.strictObject({ kind: z.literal('travelling'), suiteId: SuiteId }),
  z.strictObject({ kind: z.literal('available'), lat: Latitude, lng: Longitude, nearestSuiteId: SuiteId.nullable() }),
  z.strictObject({ kind: z.literal('not_recorded') }),
]);
export type MoveOrigin = z.infer<typeof MoveOrigin>;

export const OfficerAssigned = z.strictObject({
  officerId: OfficerId,
  /** Format 2 (format 1 had `fromSuiteId`, set only when the officer was at a suite). */
  origin: MoveOrigin,
  toSuiteId: SuiteId,
  reason: FreeText(200).nullable(),
  /** When the officer is expected at the suite, from the road-travel estimate. */
  etaAt: Instant,
  /** The destination's demand when the move was made, so the meeting's log can show why. */
  demand: z.strictObject({ inCustody: z.number().int().min(0), pending: z.number().int().min(0) }).nullable().default(null),
  /** The move was a recommendation a duty manager accepted. */
  recommended: z.boolean().default(false),
});
export const OfficerArrived = z.strictObject({ officerId: OfficerId, suiteId: SuiteId });
/** The officer has seen the move (`moveSeq`, the sequence number of its officer.assigned) and is on the way. */
export const OfficerAcknowledged = z.strictObject({ officerId: OfficerId, moveSeq: z.number().int().min(1) });
/** An officer says they cannot attend someone at their suite, and why: the case goes to the CCU. */
export const AttendanceDeclined = z.strictObject({
  custodyRef: CustodyRef,
  officerId: OfficerId,
  reason: CannotAttendReason,
  note: FreeText(200).nullable(),
});
/** A duty manager frees a check someone took but did not record, so another can take it. */
export const CheckReleased = z.strictObject({ custodyRef: CustodyRef, note: FreeText(200).nullable() });
export const OfficerPosition = z.strictObject({ officerId: OfficerId, lat: Latitude, lng: Longitude });
/** Positions are batched: one event per feed tick, not one per officer. */
export const OfficersMoved = z.strictObject({ positions: z.array(OfficerPosition).min(1).max(5000) });
export const OfficerRostered = z.strictObject({ officerId: OfficerId, status: RosterStatus });
export const SuiteClosed = z.strictObject({ suiteId: SuiteId });
export const SuiteReopened = z.strictObject({ suiteId: SuiteId });

export type OfficerPosition = z.infer<typeof OfficerPosition>;
