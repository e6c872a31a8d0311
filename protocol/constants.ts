/**
 * The protocol's plain values, with no zod: what the browser bundle needs at run time. The
 * schemas in the other files are built from these lists, so each value is written once.
 */

/** Bump when a change would confuse an older client; the client then reloads itself. */
export const PROTOCOL_VERSION = 5;

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
  /** Someone changed what the command was about since the sender looked: look again. */
  'conflict',
  'impossible_transition',
  'invalid_rule_set',
  'unknown_alert',
  'reason_required',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'rate_limited',
  'payload_too_large',
  'not_found',
  /** The database cannot be reached now: nothing was stored; try again shortly. */
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What anyone is told while the database cannot be reached. */
export const UNAVAILABLE_MESSAGE = 'The database cannot be reached just now; nothing was stored. Try again in a few seconds.';

export const OFFICER_ROLES = ['embedded_io', 'ice_officer'] as const;
export const OFFICER_STATUSES = ['off_duty', 'available', 'travelling', 'at_suite'] as const;
/** What a rostering feed may set directly; travelling and at_suite follow from moves. */
export const ROSTER_STATUSES = ['off_duty', 'available'] as const;
export const CHECK_MODES = ['face_to_face', 'remote'] as const;
export const CHECK_OUTCOMES = [
  'no_trace',
  'lawfully_present',
  'immigration_offender',
  'subject_to_removal',
  'deportation_conduct',
] as const;
export const DISPOSALS = ['charged', 'bailed', 'released'] as const;
/**
 * How a case left custody: a feed's disposal, or `not_recorded` when no release came before the
 * longest lawful detention had long run out (the server closes such a case; feeds cannot send it).
 */
export const CASE_DISPOSALS = [...DISPOSALS, 'not_recorded'] as const;
export type CaseDisposal = (typeof CASE_DISPOSALS)[number];
/** Outcomes that need an officer to act before the police disposal (DOMAIN.md step 5). */
export const OUTCOMES_OF_INTEREST = ['immigration_offender', 'subject_to_removal', 'deportation_conduct'] as const;
export const DECISIONS = ['papers_served', 'detained_immigration_powers', 'no_action'] as const;
/**
 * What Immigration Enforcement's casework finally did about a case (the casework feed's outcome
 * facts): what Nexus is measured by. Removal or deportation usually comes weeks after the police
 * released the person; the others at or soon after the police disposal.
 */
export const CASE_OUTCOMES = ['papers_served', 'detained_immigration_powers', 'removed_or_deported', 'no_further_action'] as const;
export const CASE_OUTCOME_LABEL: Record<(typeof CASE_OUTCOMES)[number], string> = {
  papers_served: 'Papers served',
  detained_immigration_powers: 'Detained under immigration powers',
  removed_or_deported: 'Removed or deported',
  no_further_action: 'No further action',
};
export const TRAVEL_DOCUMENTS = ['valid', 'none', 'unknown'] as const;
export const OFFENCE_CATEGORIES = [
  'murder',
  'rape',
  'sexual_offence_child',
  'serious_violence',
  'robbery',
  'weapons',
  'drugs_supply',
  'modern_slavery',
  'burglary',
  'theft',
  'fraud',
  'public_order',
  'driving',
  'immigration_offence',
  'other',
] as const;
export const INTEL_FLAGS = ['organised_crime', 'gang', 'terrorism_interest', 'safeguarding_concern', 'overseas_convictions'] as const;
export const NON_ATTENDANCE_REASONS = [
  'no_officer_available',
  'outside_staffed_hours',
  'travel_time',
  'not_referred_in_time',
  'other',
] as const;
export const ALERT_KINDS = ['pace_running_out', 'high_harm_waiting', 'suite_overloaded', 'etd_missing', 'move_unacknowledged', 'cannot_attend'] as const;
/** Why an officer says they cannot attend someone at their suite: the case then goes to the CCU. */
export const CANNOT_ATTEND_REASONS = ['busy_with_another_case', 'cannot_reach_in_time', 'detainee_unavailable', 'end_of_shift', 'other'] as const;

export const OFFICER_STATUS_LABEL: Record<(typeof OFFICER_STATUSES)[number], string> = {
  off_duty: 'Off duty',
  available: 'Available',
  travelling: 'Travelling',
  at_suite: 'At suite',
};
export const NON_ATTENDANCE_REASON_LABEL: Record<(typeof NON_ATTENDANCE_REASONS)[number], string> = {
  no_officer_available: 'No officer available',
  outside_staffed_hours: 'Outside staffed hours',
  travel_time: 'Travel time',
  not_referred_in_time: 'Not referred in time',
  other: 'Other',
};
export const CANNOT_ATTEND_REASON_LABEL: Record<(typeof CANNOT_ATTEND_REASONS)[number], string> = {
  busy_with_another_case: 'Busy with another case',
  cannot_reach_in_time: 'Cannot reach them in time',
  detainee_unavailable: 'Detainee not available (interview, hospital, solicitor)',
  end_of_shift: 'End of shift',
  other: 'Other',
};
export const CHECK_OUTCOME_LABEL: Record<(typeof CHECK_OUTCOMES)[number], string> = {
  no_trace: 'No trace',
  lawfully_present: 'Lawfully present',
  immigration_offender: 'Immigration offender',
  subject_to_removal: 'Subject to removal action',
  deportation_conduct: 'Conduct merits deportation',
};
export const OFFICER_ROLE_LABEL: Record<(typeof OFFICER_ROLES)[number], string> = {
  embedded_io: 'Embedded IO',
  ice_officer: 'ICE officer',
};

/** The session cookie's name (HttpOnly: no script ever reads it). */
export const SESSION_COOKIE = 'nexus_session';

/** Who may sign in (docs/security.md, "Roles"). */
export const ROLES = ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison'] as const;
export type Role = (typeof ROLES)[number];
/** A signed-in principal is a user with a role, or an enrolled wall display. */
export type PrincipalRole = Role | 'wall';

export const ROLE_LABEL: Record<PrincipalRole, string> = {
  admin: 'Administrator',
  duty_manager: 'Duty manager',
  ccu_operator: 'CCU operator',
  officer: 'Officer',
  police_liaison: 'Police liaison',
  wall: 'Wall display',
};

/**
 * Long work shows progress (replaying a long period, building a report over years, a large export).
 * A client that sends `Accept: application/x-ndjson` to a route whose table entry has `progress`
 * gets one JSON object per line: progress lines while the work runs, then the route's answer in
 * the usual envelope (protocol/http/progress.ts). Any other client gets the plain answer, so feeds
 * and scripts are unchanged.
 */
export const PROGRESS_MEDIA_TYPE = 'application/x-ndjson';
