import type { Response } from 'express';
import type { Ack, ErrorCode } from '../../protocol/index.js';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  protocol_mismatch: 400,
  unknown_officer: 422,
  unknown_suite: 422,
  suite_closed: 422,
  officer_off_duty: 422,
  already_assigned: 422,
  unknown_case: 422,
  duplicate_case: 422,
  case_released: 422,
  already_checked: 422,
  duplicate_id: 409,
  impossible_transition: 422,
  invalid_rule_set: 422,
  unknown_alert: 422,
  reason_required: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  rate_limited: 429,
  payload_too_large: 413,
  not_found: 404,
  internal: 500,
};

/**
 * Answers in the protocol's envelope with the status code its error implies. Every refusal goes
 * through here, so its code is noted once for the request log and the metrics (`refusalOf`).
 */
export function send<T>(res: Response, result: Ack<T>): void {
  if (!result.ok) res.locals.refusal = result.error.code;
  res.status(result.ok ? 200 : STATUS[result.error.code]).json(result);
}

export const ok = <T>(res: Response, data: T): void => send(res, { ok: true, data });

/** The code of the refusal this response carried; null when it answered ok (or not in the envelope). */
export const refusalOf = (res: Response): ErrorCode | null => (res.locals.refusal as ErrorCode | undefined) ?? null;

/** The one answer for a path nothing here serves, API or not. */
export const notFound = (res: Response, message = 'Nothing here.'): void => send(res, { ok: false, error: { code: 'not_found', message } });
