import {
  OUTCOMES_OF_INTEREST,
  type CannotAttendReason,
  type CheckMode,
  type CheckOutcome,
  type Decision,
  type CaseDisposal,
  type CaseOutcome,
  type HighHarmVerdict,
  type IntelFlag,
  type NonAttendanceReason,
  type OffenceCategory,
  type TravelDocument,
} from '../../protocol/index.js';
import { detentionLimits, paceDeadline } from './pace.js';

const MINUTE = 60_000;
/** A referral this close to release (or later) gave an officer no real chance to attend. */
export const LATE_REFERRAL_MS = 30 * MINUTE;

/** What the officer situation was when the person was released, for the non-attendance reason. */
export type StaffingAtRelease = Extract<NonAttendanceReason, 'outside_staffed_hours' | 'travel_time' | 'no_officer_available'>;

/**
 * One person's journey through custody (the ERF). Each field is one milestone set by one kind of
 * fact, earliest wins where a fact can repeat, so the case is the same whatever order late or
 * reordered facts arrive in: it never moves backwards.
 */
export interface CaseState {
  readonly custodyRef: string;
  /** Where the person was booked in: arrivals and coverage count here. */
  readonly arrivalSuiteId: string;
  /** Where the person is now: the latest transfer by time, else the arrival suite. */
  readonly suiteId: string;
  readonly transfers: readonly { readonly at: number; readonly toSuiteId: string }[];
  readonly region: string;
  readonly nationality: string;
  readonly iabsMatch: boolean;
  readonly relevantTime: number;
  readonly offenceCategory: OffenceCategory;
  readonly intelFlags: readonly IntelFlag[];
  readonly priorOffences: number;
  readonly highHarm: HighHarmVerdict;
  readonly referredAt: number | null;
  readonly acro: { readonly requestedAt: number | null; readonly returnedAt: number | null; readonly overseasConvictions: boolean | null };
  /** Who took the check: the officer, if named, and the person or feed that started it (`by`). */
  readonly checkStarted: { readonly at: number; readonly mode: CheckMode; readonly officerId: string | null; readonly by: string } | null;
  /** The latest "cannot attend" from an officer at the suite: the CCU takes the check instead. */
  readonly declined: { readonly at: number; readonly officerId: string; readonly reason: CannotAttendReason; readonly note: string | null } | null;
  readonly check: { readonly at: number; readonly mode: CheckMode; readonly outcome: CheckOutcome; readonly officerId: string | null } | null;
  readonly interviewAt: number | null;
  readonly interviewedBy: string | null;
  readonly decision: { readonly at: number; readonly decision: Decision; readonly officerId: string | null } | null;
  readonly travelDocument: TravelDocument;
  readonly travelDocumentAt: number | null;
  readonly etdAppliedAt: number | null;
  readonly etdAgreedAt: number | null;
  readonly paceLimitHours: number;
  readonly released: { readonly at: number; readonly disposal: CaseDisposal; readonly staffing: StaffingAtRelease } | null;
  /** The casework feed's outcomes, at most one of each kind, in time order. */
  readonly outcomes: readonly OutcomeRecord[];
  /** A duty manager's reason, which overrides the automatic one. */
  readonly reasonSet: { readonly reason: NonAttendanceReason; readonly note: string | null } | null;
}

export interface OutcomeRecord {
  readonly outcome: CaseOutcome;
  readonly at: number;
  /** It happened after the police released the person (a removal weeks later, a late decision). */
  readonly afterRelease: boolean;
}

const earliest = (a: number | null, b: number) => (a === null ? b : Math.min(a, b));

export function withTransfer(kase: CaseState, at: number, toSuiteId: string): CaseState {
  const transfers = [...kase.transfers, { at, toSuiteId }].sort((x, y) => x.at - y.at || x.toSuiteId.localeCompare(y.toSuiteId));
  return { ...kase, transfers, suiteId: transfers.at(-1)!.toSuiteId };
}

/** Adds an outcome (the earlier of two of one kind stands), in time order. */
export function withOutcome(kase: CaseState, outcome: CaseOutcome, at: number): CaseState {
  const same = kase.outcomes.find((o) => o.outcome === outcome);
  if (same && same.at <= at) return kase;
  const outcomes = [...kase.outcomes.filter((o) => o.outcome !== outcome), { outcome, at, afterRelease: false }].sort(
    (a, b) => a.at - b.at || a.outcome.localeCompare(b.outcome),
  );
  return withOutcomesSettled({ ...kase, outcomes });
}

/**
 * Marks each outcome as after the release or not. Run whenever the release or an outcome changes,
 * so a release that arrives after its outcomes (late facts) gives the same case.
 */
export function withOutcomesSettled(kase: CaseState): CaseState {
  const releasedAt = kase.released?.at ?? null;
  const after = (at: number) => releasedAt !== null && at > releasedAt;
  if (kase.outcomes.every((o) => o.afterRelease === after(o.at))) return kase;
  return { ...kase, outcomes: kase.outcomes.map((o) => ({ ...o, afterRelease: after(o.at) })) };
}

export const withReferral = (kase: CaseState, at: number): CaseState => ({ ...kase, referredAt: earliest(kase.referredAt, at) });

export const withInterview = (kase: CaseState, at: number, officerId: string): CaseState =>
  kase.interviewAt !== null && kase.interviewAt <= at ? kase : { ...kase, interviewAt: at, interviewedBy: officerId };

export const withPaceLimit = (kase: CaseState, hours: number): CaseState => ({ ...kase, paceLimitHours: Math.max(kase.paceLimitHours, hours) });

/** Keeps the earlier of two timed milestones, so replays in any order agree. */
export function earlier<T extends { at: number } | null>(current: T, next: NonNullable<T>): T | NonNullable<T> {
  return current === null || next.at < current.at ? next : current;
}

export function startingLimit(region: string): number {
  return detentionLimits(region).baseHours;
}

export function deadlineOf(kase: CaseState): number {
  return paceDeadline(kase.relevantTime, kase.paceLimitHours);
}

export const isOpen = (kase: CaseState) => kase.released === null;

/** Needs a check now: in custody, not yet checked. */
export const awaitingCheck = (kase: CaseState) => kase.released === null && kase.check === null;

/** Of immigration interest: status not yet known, or known and needing action (DOMAIN.md step 5). */
export function ofImmigrationInterest(kase: CaseState): boolean {
  return kase.check === null || (OUTCOMES_OF_INTEREST as readonly string[]).includes(kase.check.outcome);
}

/** An IO attended: a named officer checked face to face, interviewed or decided. */
export function ioAttended(kase: CaseState): boolean {
  return (
    (kase.check?.mode === 'face_to_face' && kase.check.officerId !== null) ||
    kase.interviewAt !== null ||
    (kase.decision !== null && kase.decision.officerId !== null)
  );
}

/** Recommendation 4: an offender whose removal is contemplated and who has no valid travel document. */
export function etdRequired(kase: CaseState): boolean {
  const offender = kase.check !== null && (OUTCOMES_OF_INTEREST as readonly string[]).includes(kase.check.outcome);
  const removalContemplated = kase.decision !== null && kase.decision.decision !== 'no_action';
  return offender && removalContemplated && kase.travelDocument !== 'valid';
}

/** Recommendation 2: released, of interest, nobody attended. The reason a manager gave wins. */
export function nonAttendanceOf(kase: CaseState): { reason: NonAttendanceReason; auto: boolean; note: string | null } | null {
  if (!kase.released || !ofImmigrationInterest(kase) || ioAttended(kase)) return null;
  if (kase.reasonSet) return { reason: kase.reasonSet.reason, auto: false, note: kase.reasonSet.note };
  const referredInTime = kase.referredAt !== null && kase.referredAt <= kase.released.at - LATE_REFERRAL_MS;
  return { reason: referredInTime ? kase.released.staffing : 'not_referred_in_time', auto: true, note: null };
}
