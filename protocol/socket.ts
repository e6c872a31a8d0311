import { z } from 'zod';
import { CustodyRef, FreeText, OfficerId, SuiteId } from './ids.js';
import type { ErrorCode } from './constants.js';
import { AlertAcknowledged, AttendanceDeclined, CheckReleased, NonAttendanceReasonSet, OfficerAcknowledged, OfficerArrived, OfficerRostered } from './events.js';
import { HighHarmDefinition } from './high-harm.js';
import { CheckMode, CheckOutcome } from './vocabulary.js';
import type { AcceptRecommendation } from './meeting.js';
import type { Delta, Snapshot } from './views.js';
import { DerivedCursor, type DerivedUpdate, type HelloDerived, type PackedDerivedUpdate } from './derived.js';

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export const Hello = z.strictObject({
  protocolVersion: z.number().int(),
  /** The last sequence number this client applied; null for a first connection. */
  lastSeq: z.number().int().min(0).nullable(),
  /** Where this client's derived view stands, so only the changes after it are sent (null or absent: send it whole). */
  derived: DerivedCursor.nullable().optional(),
});
export type Hello = z.infer<typeof Hello>;

/**
 * Either what the client missed, in order, or a fresh snapshot when it is too far behind, with
 * whatever happened while it was being packed. The snapshot travels packed (snapshot-wire.ts):
 * `seq` is its sequence number, `gzip` its bytes. `derived` brings the derived view from where
 * the client (or the snapshot's `packed.derived`) stands to the scope's current version:
 * the changes it missed (JSON), or the view whole, gzipped once per scope and version and shared by
 * every screen that needs it (decision 58; `openHelloDerived` reads either).
 */
export type HelloReply =
  | { mode: 'snapshot'; packed: PackedSnapshot; deltas: Delta[]; derived: HelloDerived }
  | { mode: 'deltas'; deltas: Delta[]; derived: HelloDerived };

/**
 * A snapshot as sent: its sequence number, the gzip of its WireSnapshot JSON (snapshot-wire.ts),
 * and which version of the scope's derived view the snapshot holds.
 */
export interface PackedSnapshot {
  seq: number;
  gzip: ArrayBuffer | Uint8Array;
  derived: DerivedCursor;
}

/** A hello reply once its snapshot is opened: what the engine produces and a screen applies. */
export type CatchUp =
  | { mode: 'snapshot'; snapshot: Snapshot; derivedCursor: DerivedCursor; deltas: Delta[]; derived: DerivedUpdate[] }
  | { mode: 'deltas'; deltas: Delta[]; derived: DerivedUpdate[] };

export const AssignOfficer = z.strictObject({
  officerId: OfficerId,
  suiteId: SuiteId,
  reason: FreeText(200).nullable().optional(),
  /** The officer's `version` as the sender saw it: if the officer has been moved since, the move is refused. */
  officerVersion: z.number().int().min(0).optional(),
});
export type AssignOfficer = z.infer<typeof AssignOfficer>;

/** A CCU operator takes a case from the remote queue. */
export const StartCheck = z.strictObject({ custodyRef: CustodyRef, mode: CheckMode });
export type StartCheck = z.infer<typeof StartCheck>;
/** A CCU operator (or an officer) records the check's outcome. */
export const RecordCheck = z.strictObject({ custodyRef: CustodyRef, mode: CheckMode, outcome: CheckOutcome });
export type RecordCheck = z.infer<typeof RecordCheck>;
export const SetNonAttendanceReason = NonAttendanceReasonSet;
export type SetNonAttendanceReason = z.infer<typeof SetNonAttendanceReason>;
export const AcknowledgeAlert = AlertAcknowledged;
export type AcknowledgeAlert = z.infer<typeof AcknowledgeAlert>;
/** An officer has seen their move (named by its sequence number, so an older move cannot be acknowledged for a newer). */
export const AcknowledgeMove = OfficerAcknowledged;
export type AcknowledgeMove = z.infer<typeof AcknowledgeMove>;
/** An officer reports arriving at a suite. */
export const ReportArrival = OfficerArrived;
export type ReportArrival = z.infer<typeof ReportArrival>;
/** An officer says they are available, or going off duty. */
export const SetAvailability = OfficerRostered;
export type SetAvailability = z.infer<typeof SetAvailability>;
/** An officer cannot attend someone at their suite, and says why. */
export const CannotAttend = AttendanceDeclined;
export type CannotAttend = z.infer<typeof CannotAttend>;
/** A duty manager frees a check that was taken and not recorded. */
export const ReleaseCheck = CheckReleased;
export type ReleaseCheck = z.infer<typeof ReleaseCheck>;
export const PublishHighHarm = z.strictObject({ definition: HighHarmDefinition, reason: FreeText(300) });
export type PublishHighHarm = z.input<typeof PublishHighHarm>;

export interface Heartbeat {
  seq: number;
  serverTime: number;
}

/** Events the client sends; every one carries an ack callback. */
export interface ClientToServer {
  'sync:hello': (hello: Hello, ack: (reply: Ack<HelloReply>) => void) => void;
  'officer:assign': (command: AssignOfficer, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'case:start-check': (command: StartCheck, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'case:record-check': (command: RecordCheck, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'non-attendance:set-reason': (command: SetNonAttendanceReason, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'alert:acknowledge': (command: AcknowledgeAlert, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'high-harm:publish': (command: PublishHighHarm, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'recommendation:accept': (command: AcceptRecommendation, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'officer:acknowledge': (command: AcknowledgeMove, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'officer:arrive': (command: ReportArrival, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'officer:set-status': (command: SetAvailability, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'case:cannot-attend': (command: CannotAttend, ack: (reply: Ack<{ seq: number }>) => void) => void;
  'case:release-check': (command: ReleaseCheck, ack: (reply: Ack<{ seq: number }>) => void) => void;
}

/** Events the server pushes. */
export interface ServerToClient {
  'sync:deltas': (deltas: Delta[]) => void;
  'sync:heartbeat': (beat: Heartbeat) => void;
  /** Alerts, CCU queue and capacity: recomputed from state and time, pushed as numbered changes, gzipped (decision 58). */
  'live:derived': (update: PackedDerivedUpdate) => void;
}
