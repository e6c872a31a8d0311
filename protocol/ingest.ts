import { z } from 'zod';
import { FreeText } from './ids.js';
import {
  AcroRequested,
  AcroReturned,
  ArrestBooked,
  CaseReferred,
  CaseTransferred,
  CheckStarted,
  DecisionMade,
  EtdAgreed,
  EtdApplied,
  InterviewHeld,
  PaceExtended,
  TravelDocumentRecorded,
  CheckCompleted,
  DetaineeReleased,
  OfficerArrived,
  OfficerRostered,
  OfficersMoved,
  SuiteClosed,
  SuiteReopened,
} from './events.js';

/** Largest ingest request body, and most facts in one request. */
export const INGEST_MAX_BYTES = 256 * 1024;
export const INGEST_MAX_EVENTS = 500;

const ingestItem = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({
    /** The source's own id: sending it again is acknowledged, not applied twice. */
    id: z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/, 'an event id is 1–80 letters, digits or ._:-'),
    type: z.literal(type),
    /** When it happened, ISO 8601 with an offset (e.g. 2026-11-24T14:05:00Z). */
    at: z.iso.datetime({ offset: true }),
    data,
  });

/**
 * Facts a custody, rostering, location or casework feed may send. Assignments, reasons, alert
 * acknowledgements and rule sets are people's commands, not feed facts.
 */
export const IngestItem = z.discriminatedUnion('type', [
  ingestItem('arrest.booked', ArrestBooked),
  ingestItem('check.completed', CheckCompleted),
  ingestItem('detainee.released', DetaineeReleased),
  ingestItem('officer.arrived', OfficerArrived),
  ingestItem('officers.moved', OfficersMoved),
  ingestItem('officer.rostered', OfficerRostered),
  ingestItem('suite.closed', SuiteClosed),
  ingestItem('suite.reopened', SuiteReopened),
  ingestItem('case.referred', CaseReferred),
  ingestItem('acro.requested', AcroRequested),
  ingestItem('acro.returned', AcroReturned),
  ingestItem('check.started', CheckStarted),
  ingestItem('interview.held', InterviewHeld),
  ingestItem('decision.made', DecisionMade),
  ingestItem('travel_document.recorded', TravelDocumentRecorded),
  ingestItem('etd.applied', EtdApplied),
  ingestItem('etd.agreed', EtdAgreed),
  ingestItem('pace.extended', PaceExtended),
  ingestItem('case.transferred', CaseTransferred),
]);
export type IngestItem = z.infer<typeof IngestItem>;
/** What a feed may send: fields with defaults may be left out. */
export type IngestItemInput = z.input<typeof IngestItem>;

export const IngestBatch = z.strictObject({
  source: FreeText(40).regex(/^[a-z0-9-]+$/, 'a source is lower-case letters, digits and dashes'),
  events: z.array(IngestItem).min(1).max(INGEST_MAX_EVENTS),
});
export type IngestBatch = z.infer<typeof IngestBatch>;

export interface IngestResult {
  /** Sequence numbers of the facts applied now. */
  applied: number;
  /** Facts already received earlier under the same source and id. */
  duplicates: number;
  lastSeq: number;
}
