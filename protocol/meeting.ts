import { z } from 'zod';
import { OfficerId, SuiteId } from './ids.js';
import type { CoverageFigures } from './views.js';

/** One recommended officer move (issue: "The daily management meeting"), explained in a line. */
export interface Recommendation {
  /** `${officerId}>${toSuiteId}`: stable while the advice stands. */
  id: string;
  officerId: string;
  fromSuiteId: string | null;
  toSuiteId: string;
  travelMinutes: number;
  /**
   * Extra people an IO is expected to reach before PACE clocks run out if the move is made:
   * status checks face to face, and attendance on people already found to be of interest.
   */
  gain: number;
  /** e.g. "Perry Barr: 9 waiting, 2 to attend, 2 High Harm, nearest free officer 14 min away". */
  explanation: string;
}

/** The meeting table, one row per suite: what the managers at the table decide from. */
export interface MeetingRow {
  suiteId: string;
  name: string;
  region: string;
  arrivalsToday: number;
  arrivalsYesterday: number;
  /** Expected arrivals for the whole of today (actual so far plus forecast for the rest). */
  forecastToday: number | null;
  pending: number;
  oldestWaitMinutes: number | null;
  leastPaceLeftMinutes: number | null;
  officersThere: number;
  officersTravelling: number;
  coveragePct: number | null;
  nonAttendancesSinceMeeting: number;
}

export interface MeetingView {
  at: number;
  /** Non-attendances are counted since this instant (the last meeting). */
  since: number;
  rows: MeetingRow[];
}

/** Expected and actual FN arrivals per hour at a suite: today so far and the next 12 hours. */
export interface SuiteForecast {
  suiteId: string;
  method: string;
  hours: { at: number; expected: number; actual: number | null }[];
}

/** One row of the performance pack: a region, or a suite, over the period. */
export interface PackRow {
  level: 'region' | 'suite';
  key: string;
  name: string;
  region: string;
  figures: CoverageFigures;
  nonAttendanceByReason: Record<string, number>;
  etdRequired: number;
  etdApplied: number;
  highHarmCases: number;
}

/** GET /api/reports/pack: the daily or monthly performance pack (also as CSV). */
export interface PerformancePack {
  from: string;
  to: string;
  rows: PackRow[];
}

/** A duty manager accepts a recommendation: it becomes a normal move, recorded as accepted advice. */
export const AcceptRecommendation = z.strictObject({ officerId: OfficerId, suiteId: SuiteId });
export type AcceptRecommendation = z.infer<typeof AcceptRecommendation>;

/** GET /api/footfall-review: demand against officer-hours by hour of the week (0 = Monday 00:00, London). */
export interface FootfallReview {
  from: string;
  to: string;
  suites: { suiteId: string; name: string; region: string; demand: number[]; officerHours: number[] }[];
}
