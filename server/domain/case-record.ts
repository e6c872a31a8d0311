import { londonDay, type CaseOutcome, type CheckMode, type CheckOutcome, type Decision, type LoggedEvent, type NonAttendanceReason } from '../../protocol/index.js';
import { findCase } from './case-reducer.js';
import { etdRequired, nonAttendanceOf, type CaseState } from './cases.js';
import { hourOfWeek } from './footfall-review.js';
import { outcomeDays, outcomeOf } from './outcome.js';
import { applyEvent } from './reducer.js';
import type { State } from './state.js';
import { touchedBy } from './views.js';

/**
 * One case as the reports read it from the database (`case_states`): the case folded from the log,
 * flattened into the columns the reports filter and count by, plus the whole case for the rows a
 * report lists. Written in the same transaction as the facts that changed it (decision 57), so
 * the reports for any period agree with the log and with the live screens.
 *
 * The columns are this interface, field for field (db/case-records.ts maps them), so a new column
 * (an outcome, a pseudonym) is one field here, one column in each schema and one migration.
 */
export interface CaseRecord {
  readonly custodyRef: string;
  /** Arrivals, checks and coverage count at the suite and London day of arrival. */
  readonly arrivalSuiteId: string;
  /** Where the person is (or was, at release): non-attendances, ETD and High Harm count here. */
  readonly suiteId: string;
  /** The region of the arrival suite: the case's region for access and region totals. */
  readonly region: string;
  readonly nationality: string;
  readonly relevantTime: number;
  readonly arrivalDay: string;
  /** Monday 00:00 London = 0 … Sunday 23:00 = 167 (the footfall review). */
  readonly arrivalHourOfWeek: number;
  readonly highHarm: boolean;
  readonly checkAt: number | null;
  readonly checkMode: CheckMode | null;
  readonly checkOutcome: CheckOutcome | null;
  readonly minutesToCheck: number | null;
  readonly releasedAt: number | null;
  readonly releaseDay: string | null;
  readonly disposal: string | null;
  /** Set when the release was a non-attendance (recommendation 2): the reason that stands. */
  readonly nonAttendanceReason: NonAttendanceReason | null;
  readonly decision: Decision | null;
  readonly decisionAt: number | null;
  readonly decisionDay: string | null;
  /** The deciding officer's call sign; null when the CCU decided. */
  readonly decisionOfficerId: string | null;
  readonly etdRequired: boolean;
  readonly etdApplied: boolean;
  /** What the case has come to so far (outcome.ts: the latest outcome), and when. */
  readonly outcome: CaseOutcome | null;
  readonly outcomeAt: number | null;
  readonly outcomeDay: string | null;
  /** The London day of each outcome the case has had: the reports count each on its own day. */
  readonly papersServedDay: string | null;
  readonly detainedDay: string | null;
  readonly removedDay: string | null;
  readonly noFurtherActionDay: string | null;
  /** The whole CaseState as JSON: the register lists cases as the live screens show them. */
  readonly caseJson: string;
  /** The log position this record was folded to: a write never replaces a later one. */
  readonly asOfSeq: number;
}

/** The record of a case as it stands after the fact at `seq`. Pure: the store only writes it. */
export function caseRecordOf(kase: CaseState, seq: number): CaseRecord {
  const na = nonAttendanceOf(kase);
  const outcome = outcomeOf(kase);
  const days = outcomeDays(kase);
  return {
    custodyRef: kase.custodyRef,
    arrivalSuiteId: kase.arrivalSuiteId,
    suiteId: kase.suiteId,
    region: kase.region,
    nationality: kase.nationality,
    relevantTime: kase.relevantTime,
    arrivalDay: londonDay(kase.relevantTime),
    arrivalHourOfWeek: hourOfWeek(kase.relevantTime),
    highHarm: kase.highHarm.highHarm,
    checkAt: kase.check?.at ?? null,
    checkMode: kase.check?.mode ?? null,
    checkOutcome: kase.check?.outcome ?? null,
    // As the tallies count it (tallies.ts contributionOf).
    minutesToCheck: kase.check ? Math.max(0, Math.round((kase.check.at - kase.relevantTime) / 60_000)) : null,
    releasedAt: kase.released?.at ?? null,
    releaseDay: kase.released ? londonDay(kase.released.at) : null,
    disposal: kase.released?.disposal ?? null,
    nonAttendanceReason: na && kase.released ? na.reason : null,
    decision: kase.decision?.decision ?? null,
    decisionAt: kase.decision?.at ?? null,
    decisionDay: kase.decision ? londonDay(kase.decision.at) : null,
    decisionOfficerId: kase.decision?.officerId ?? null,
    etdRequired: etdRequired(kase),
    etdApplied: kase.etdAppliedAt !== null,
    outcome: outcome?.outcome ?? null,
    outcomeAt: outcome?.at ?? null,
    outcomeDay: outcome ? londonDay(outcome.at) : null,
    papersServedDay: days.papers_served,
    detainedDay: days.detained_immigration_powers,
    removedDay: days.removed_or_deported,
    noFurtherActionDay: days.no_further_action,
    caseJson: JSON.stringify(kase),
    asOfSeq: seq,
  };
}

/** A case back from its record's JSON (the register's rows). */
export function caseOfRecord(caseJson: string): CaseState {
  return JSON.parse(caseJson) as CaseState;
}

/** The records of these cases as they stand in `state` after the fact at `seq` (cases no longer held are skipped). */
export function recordsOf(state: State, refs: Iterable<string>, seq: number): CaseRecord[] {
  const out: CaseRecord[] = [];
  for (const ref of new Set(refs)) {
    const kase = findCase(state, ref);
    if (kase) out.push(caseRecordOf(kase, seq));
  }
  return out;
}

/**
 * Folds one logged fact into state, as the engine does, and returns the records of the cases it
 * changed (lapsed cases included): the read model's part of that fact. A backfill folds the log
 * with this from the first fact; the engine computes the same records as it applies.
 */
export function foldForRecords(state: State, event: LoggedEvent): CaseRecord[] {
  const touched = touchedBy(event, state);
  const lapsed = applyEvent(state, event);
  state.seq = event.seq;
  return recordsOf(state, [...touched.cases, ...lapsed], event.seq);
}
