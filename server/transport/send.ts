import type { Response } from 'express';
import type { ProgressStream } from './progress-stream.js';
import { ERROR_STATUS, type Ack, type ErrorCode, type ProtocolError } from '../../protocol/index.js';

/** Seconds a client should wait before trying again when the database is unreachable. */
export const RETRY_AFTER_S = 5;

/**
 * Answers in the protocol's envelope with the status code its error implies. Every refusal goes
 * through here, so its code is noted once for the request log and the metrics (`refusalOf`).
 */
export function send<T>(res: Response, result: Ack<T>): void {
  if (!result.ok) res.locals.refusal = result.error.code;
  const stream = res.locals.progress as ProgressStream | undefined;
  if (stream) return stream.end(result);
  if (!result.ok && result.error.code === 'unavailable') res.setHeader('Retry-After', String(RETRY_AFTER_S));
  res.status(result.ok ? 200 : ERROR_STATUS[result.error.code]).json(result);
}

/** A refusal, as a handler returns it. */
export const refused = (code: ErrorCode, message: string): { ok: false; error: ProtocolError } => ({ ok: false, error: { code, message } });

/** The code of the refusal this response carried; null when it answered ok (or not in the envelope). */
export const refusalOf = (res: Response): ErrorCode | null => (res.locals.refusal as ErrorCode | undefined) ?? null;

/** The one answer for a path nothing here serves, API or not. */
export const notFound = (res: Response, message = 'Nothing here.'): void => send(res, { ok: false, error: { code: 'not_found', message } });
