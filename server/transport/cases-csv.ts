import type { EventStore, RecordCursor, RecordWithoutCase } from '../../db/store.js';
import { csvLine } from './csv.js';

/** Rows read a page: a year of cases never sits in memory at once. */
const PAGE = 2_000;

const HEADER = [
  'custody_ref',
  'nationality',
  'region',
  'arrival_suite',
  'suite',
  'relevant_time',
  'arrival_day',
  'high_harm',
  'checked_at',
  'check_mode',
  'check_outcome',
  'minutes_to_check',
  'released_at',
  'disposal',
  'non_attendance_reason',
  'decision',
  'etd_required',
  'etd_applied',
  'outcome',
  'outcome_day',
];

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

function line(r: RecordWithoutCase): string {
  return csvLine([
    r.custodyRef,
    r.nationality,
    r.region,
    r.arrivalSuiteId,
    r.suiteId,
    iso(r.relevantTime),
    r.arrivalDay,
    r.highHarm ? 'yes' : 'no',
    iso(r.checkAt),
    r.checkMode,
    r.checkOutcome,
    r.minutesToCheck,
    iso(r.releasedAt),
    r.disposal,
    r.nonAttendanceReason,
    r.decision,
    r.etdRequired ? 'yes' : 'no',
    r.etdApplied ? 'yes' : 'no',
    r.outcome,
    r.outcomeDay,
  ]);
}

/**
 * Every case that arrived in [fromAt, toAt) as CSV lines, read from the read model a page at a
 * time (keyset on relevant time and reference) and given to the response as it is written, so an
 * export of a year holds one page in memory. Cases outside the reader's regions are left out.
 */
export async function* casesCsv(store: EventStore, fromAt: number, toAt: number, visible: (region: string) => boolean): AsyncGenerator<string> {
  yield csvLine(HEADER);
  let after: RecordCursor | null = null;
  for (;;) {
    const page = await store.caseRecordsArrived(fromAt, toAt, after, PAGE);
    if (page.length === 0) return;
    yield page
      .filter((r) => visible(r.region))
      .map(line)
      .join('');
    const last = page.at(-1)!;
    after = { relevantTime: last.relevantTime, custodyRef: last.custodyRef };
    if (page.length < PAGE) return;
  }
}
