import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Ack, ProtocolError } from '../../protocol/index.js';
import type { LogFields, Logger } from '../log.js';

/** A zod failure as one sentence a feed developer or a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function invalid(error: z.ZodError): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code: 'invalid_input', message: describeIssues(error) } };
}

/** Socket acks arrive from untrusted clients: call only if it really is a function. */
export function safeAck<T>(ack: unknown): (reply: Ack<T>) => void {
  return typeof ack === 'function' ? (reply) => (ack as (r: Ack<T>) => void)(reply) : () => {};
}

/**
 * An unexpected failure as the caller sees it: a generic message with a reference that is also in
 * the log line, so support can find the one from the other; never a stack trace.
 */
export function internalError(log: Logger, error: unknown, context: LogFields): { ok: false; error: ProtocolError } {
  const reference = randomUUID().slice(0, 8);
  log.error('handler.failed', { ...context, reference, message: error instanceof Error ? error.message : String(error) });
  return { ok: false, error: { code: 'internal', message: `Something went wrong (reference ${reference}). Check the screen before trying again.` } };
}
