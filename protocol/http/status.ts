import type { ErrorCode } from '../constants.js';

/** The HTTP status each refusal is answered with: one table for the server, the API description and the feeds guide. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
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
  conflict: 409,
  impossible_transition: 422,
  invalid_rule_set: 422,
  unknown_alert: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  rate_limited: 429,
  payload_too_large: 413,
  not_found: 404,
  unavailable: 503,
  internal: 500,
};
