import { z } from 'zod';
import { FreeText, OfficerId, SuiteId } from './ids.js';
import type { Delta, Snapshot } from './views.js';

/** Bump when a change would confuse an older client; the client then reloads itself. */
export const PROTOCOL_VERSION = 1;

/** The closed list of reasons a request is refused. */
export const ERROR_CODES = [
  'invalid_input',
  'protocol_mismatch',
  'unknown_officer',
  'unknown_suite',
  'suite_closed',
  'officer_off_duty',
  'already_assigned',
  'unknown_case',
  'duplicate_case',
  'case_released',
  'already_checked',
  'duplicate_id',
  'payload_too_large',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export const Hello = z.strictObject({
  protocolVersion: z.number().int(),
  /** The last sequence number this client applied; null for a first connection. */
  lastSeq: z.number().int().min(0).nullable(),
});
export type Hello = z.infer<typeof Hello>;

/** Either what the client missed, in order, or a fresh snapshot when it is too far behind. */
export type HelloReply = { mode: 'snapshot'; snapshot: Snapshot } | { mode: 'deltas'; deltas: Delta[] };

export const AssignOfficer = z.strictObject({
  officerId: OfficerId,
  suiteId: SuiteId,
  reason: FreeText(200).nullable().optional(),
});
export type AssignOfficer = z.infer<typeof AssignOfficer>;

export interface Heartbeat {
  seq: number;
  serverTime: number;
}

/** Events the client sends; every one carries an ack callback. */
export interface ClientToServer {
  'sync:hello': (hello: Hello, ack: (reply: Ack<HelloReply>) => void) => void;
  'officer:assign': (command: AssignOfficer, ack: (reply: Ack<{ seq: number }>) => void) => void;
}

/** Events the server pushes. */
export interface ServerToClient {
  'sync:deltas': (deltas: Delta[]) => void;
  'sync:heartbeat': (beat: Heartbeat) => void;
}

/** Socket.IO handshake `auth`: who is acting, until sign-in replaces it. */
export const HandshakeAuth = z.object({ operator: FreeText(60).optional() });
