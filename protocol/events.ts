import { z } from 'zod';
import { CustodyRef, FreeText, Instant, Latitude, Longitude, Nationality, OfficerId, SuiteId } from './ids.js';
import { HighHarmDefinition } from './high-harm.js';
import {
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
export const DetaineeReleased = z.strictObject({ custodyRef: CustodyRef, disposal: Disposal });
export const OfficerAssigned = z.strictObject({
  officerId: OfficerId,
  fromSuiteId: SuiteId.nullable(),
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
  z.strictObject({ type: z.literal('case.referred'), data: CaseReferred }),
  z.strictObject({ type: z.literal('acro.requested'), data: AcroRequested }),
  z.strictObject({ type: z.literal('acro.returned'), data: AcroReturned }),
  z.strictObject({ type: z.literal('check.started'), data: CheckStarted }),
  z.strictObject({ type: z.literal('interview.held'), data: InterviewHeld }),
  z.strictObject({ type: z.literal('decision.made'), data: DecisionMade }),
  z.strictObject({ type: z.literal('travel_document.recorded'), data: TravelDocumentRecorded }),
  z.strictObject({ type: z.literal('etd.applied'), data: EtdApplied }),
  z.strictObject({ type: z.literal('etd.agreed'), data: EtdAgreed }),
  z.strictObject({ type: z.literal('pace.extended'), data: PaceExtended }),
  z.strictObject({ type: z.literal('case.transferred'), data: CaseTransferred }),
  z.strictObject({ type: z.literal('non_attendance.reason_set'), data: NonAttendanceReasonSet }),
  z.strictObject({ type: z.literal('alert.acknowledged'), data: AlertAcknowledged }),
  z.strictObject({ type: z.literal('high_harm.published'), data: HighHarmPublished }),
]);
/** Events about one case: the ERF timeline is these, for one custody reference, in time order. */
export const CASE_EVENT_TYPES = [
  'arrest.booked',
  'case.referred',
  'acro.requested',
  'acro.returned',
  'check.started',
  'check.completed',
  'interview.held',
  'decision.made',
  'travel_document.recorded',
  'etd.applied',
  'etd.agreed',
  'pace.extended',
  'case.transferred',
  'detainee.released',
  'non_attendance.reason_set',
] as const;
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

/** Facts about a case that already exists: everything in the ERF after the booking. */
export type CaseFactType = Exclude<(typeof CASE_EVENT_TYPES)[number], 'arrest.booked'>;
const CASE_FACTS: ReadonlySet<string> = new Set(CASE_EVENT_TYPES.filter((t) => t !== 'arrest.booked'));

export function isCaseFact<E extends { type: string }>(event: E): event is Extract<E, { type: CaseFactType }> {
  return CASE_FACTS.has(event.type);
}
