/**
 * Readable words for the protocol's closed vocabularies, for screens only. Labels the server also
 * uses (outcomes, non-attendance reasons) live in protocol/constants.ts; the rest are here.
 */
import type {
  ALERT_KINDS,
  CHECK_MODES,
  DECISIONS,
  CASE_DISPOSALS,
  CASE_OUTCOMES,
  INTEL_FLAGS,
  OFFENCE_CATEGORIES,
  TRAVEL_DOCUMENTS,
} from '../../protocol/constants.js';

type Of<T extends readonly string[]> = T[number];

export const OFFENCE_LABEL: Record<Of<typeof OFFENCE_CATEGORIES>, string> = {
  murder: 'Murder',
  rape: 'Rape',
  sexual_offence_child: 'Sexual offence against a child',
  serious_violence: 'Serious violence',
  robbery: 'Robbery',
  weapons: 'Weapons',
  drugs_supply: 'Drugs supply',
  modern_slavery: 'Modern slavery',
  burglary: 'Burglary',
  theft: 'Theft',
  fraud: 'Fraud',
  public_order: 'Public order',
  driving: 'Driving offence',
  immigration_offence: 'Immigration offence',
  other: 'Other offence',
};

export const INTEL_FLAG_LABEL: Record<Of<typeof INTEL_FLAGS>, string> = {
  organised_crime: 'Organised crime',
  gang: 'Gang',
  terrorism_interest: 'Terrorism interest',
  safeguarding_concern: 'Safeguarding concern',
  overseas_convictions: 'Overseas convictions',
};

export const CHECK_MODE_LABEL: Record<Of<typeof CHECK_MODES>, string> = {
  face_to_face: 'face to face',
  remote: 'remote',
};

/** The casework outcomes as a table's column heads (narrow; a soft hyphen where one may break). */
export const OUTCOME_COLUMN_LABEL: Record<Of<typeof CASE_OUTCOMES>, string> = {
  papers_served: 'Papers served',
  detained_immigration_powers: 'Detained',
  removed_or_deported: 'Removed / de\u00adported',
  no_further_action: 'No further action',
};

export const DECISION_LABEL: Record<Of<typeof DECISIONS>, string> = {
  papers_served: 'Papers served',
  detained_immigration_powers: 'Detained under immigration powers',
  no_action: 'No action',
};

export const DISPOSAL_LABEL: Record<Of<typeof CASE_DISPOSALS>, string> = {
  charged: 'Charged',
  bailed: 'Bailed',
  released: 'Released',
  not_recorded: 'Release not recorded',
};

export const TRAVEL_DOCUMENT_LABEL: Record<Of<typeof TRAVEL_DOCUMENTS>, string> = {
  valid: 'Valid travel document',
  none: 'No travel document',
  unknown: 'Travel document not known',
};

/** Short tags for the alert list: words, not pictograms, so they read the same in every font. */
export const ALERT_KIND_LABEL: Record<Of<typeof ALERT_KINDS>, string> = {
  pace_running_out: 'PACE',
  high_harm_waiting: 'High Harm',
  suite_overloaded: 'Overloaded',
  etd_missing: 'ETD',
  move_unacknowledged: 'Move not acknowledged',
  cannot_attend: 'Cannot attend',
};

/** Looks a value up in a label table, falling back to the raw value for words added later. */
export function labelOf(table: Readonly<Record<string, string>>, value: string): string {
  return table[value] ?? value.replaceAll('_', ' ');
}
