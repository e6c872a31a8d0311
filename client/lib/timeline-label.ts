import { CASE_OUTCOME_LABEL, CHECK_OUTCOME_LABEL, NON_ATTENDANCE_REASON_LABEL } from '../../protocol/constants.js';
import type { TimelineEntry } from '../../protocol/index.js';
import {
  CHECK_MODE_LABEL,
  DECISION_LABEL,
  DISPOSAL_LABEL,
  OFFENCE_LABEL,
  TRAVEL_DOCUMENT_LABEL,
  labelOf,
} from './labels.js';

/** An entry recorded this long after it happened is marked "recorded late". */
export const LATE_AFTER_MS = 15 * 60_000;

/** Reads one field of an event's data; the log's data is typed `unknown` on the wire. */
function field(data: unknown, key: string): unknown {
  return typeof data === 'object' && data !== null && key in data ? (data as Record<string, unknown>)[key] : undefined;
}
const text = (data: unknown, key: string): string | null => {
  const v = field(data, key);
  return typeof v === 'string' ? v : null;
};

/** "(face to face, MET-IO-03)", "(remote)". */
function how(data: unknown): string {
  const mode = text(data, 'mode');
  const officer = text(data, 'officerId');
  const parts = [mode ? labelOf(CHECK_MODE_LABEL, mode) : null, officer].filter((p) => p !== null);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
const by = (data: unknown): string => {
  const officer = text(data, 'officerId');
  return officer ? ` (${officer})` : '';
};
const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * One line of the ERF timeline in words: "Status check completed — immigration offender (face to
 * face, MET-IO-03)". Unknown event types still show, by their type, so nothing is hidden.
 */
export function describeEntry(entry: TimelineEntry, suiteName: (id: string) => string): string {
  const d = entry.data;
  const s = (key: string) => text(d, key) ?? '';
  switch (entry.type) {
    case 'arrest.booked': {
      const iabs = field(d, 'iabsMatch') === true ? ', IABS match' : '';
      return `Arrived in custody at ${suiteName(s('suiteId'))} — ${lower(labelOf(OFFENCE_LABEL, s('offenceCategory')))}${iabs}`;
    }
    case 'case.referred':
      return 'Referred to Immigration Enforcement';
    case 'acro.requested':
      return 'ACRO check requested';
    case 'acro.returned':
      return field(d, 'overseasConvictions') === true ? 'ACRO result — overseas convictions' : 'ACRO result — no overseas convictions';
    case 'check.started':
      return `Status check started${how(d)}`;
    case 'check.completed':
      return `Status check completed — ${lower(labelOf(CHECK_OUTCOME_LABEL, s('outcome')))}${how(d)}`;
    case 'interview.held':
      return `Interviewed${by(d)}`;
    case 'decision.made':
      return `Decision — ${lower(labelOf(DECISION_LABEL, s('decision')))}${by(d)}`;
    case 'travel_document.recorded':
      return labelOf(TRAVEL_DOCUMENT_LABEL, s('document'));
    case 'etd.applied':
      return `Emergency Travel Document applied for${by(d)}`;
    case 'etd.agreed':
      return 'Emergency Travel Document agreed';
    case 'pace.extended':
      return `PACE detention limit extended to ${String(field(d, 'limitHours') ?? '?')} h`;
    case 'case.transferred':
      return `Transferred to ${suiteName(s('toSuiteId'))}`;
    case 'detainee.released':
      return `Left custody — ${lower(labelOf(DISPOSAL_LABEL, s('disposal')))}`;
    case 'outcome.recorded':
      return `Outcome — ${lower(labelOf(CASE_OUTCOME_LABEL, s('outcome')))}`;
    case 'non_attendance.reason_set': {
      const note = text(d, 'note');
      return `Non-attendance reason — ${lower(labelOf(NON_ATTENDANCE_REASON_LABEL, s('reason')))}${note ? `: “${note}”` : ''}`;
    }
    default:
      return entry.type;
  }
}
