import { z } from 'zod';
import { FreeText, OfficerId, SuiteId } from './ids.js';
import type { ErrorCode } from './constants.js';
import type { Delta, Snapshot } from './views.js';

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
