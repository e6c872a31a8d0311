import { z } from 'zod';
import { Instant, OfficerId, SuiteId } from './ids.js';
import { CoverageFigures } from './views.js';

const Count = z.number().int().min(0);
const Minutes = z.number().nullable();

export const Recommendation = z
  .strictObject({
    id: z.string().describe('`${officerId}>${toSuiteId}`: stable while the advice stands.'),
    officerId: z.string(),
    fromSuiteId: z.string().nullable(),
    toSuiteId: z.string(),
    travelMinutes: z.number(),
    gain: z
      .number()
      .describe('Extra people an IO is expected to reach before PACE clocks run out if the move is made: status checks face to face, and attendance on people already found to be of interest.'),
    explanation: z.string().describe('e.g. "Perry Barr: 9 waiting, 2 to attend, 2 High Harm, nearest free officer 14 min away".'),
  })
  .describe('One recommended officer move, explained in a line.');
export type Recommendation = z.infer<typeof Recommendation>;

export const MeetingRow = z
  .strictObject({
    suiteId: z.string(),
    name: z.string(),
    region: z.string(),
    arrivalsToday: Count,
    arrivalsYesterday: Count,
    forecastToday: z.number().nullable().describe('Expected arrivals for the whole of today (actual so far plus forecast for the rest).'),
    pending: Count,
    oldestWaitMinutes: Minutes,
    leastPaceLeftMinutes: Minutes,
    officersThere: Count,
    officersTravelling: Count,
    coveragePct: z.number().nullable(),
    nonAttendancesSinceMeeting: Count,
  })
  .describe('The meeting table, one row per suite: what the managers at the table decide from.');
export type MeetingRow = z.infer<typeof MeetingRow>;

export const MeetingView = z.strictObject({
  at: Instant,
  since: Instant.describe('Non-attendances are counted since this instant (the last meeting).'),
  rows: z.array(MeetingRow),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const SuiteForecast = z
  .strictObject({
    suiteId: z.string(),
    method: z.string(),
    hours: z.array(z.strictObject({ at: Instant, expected: z.number(), actual: z.number().nullable() })),
  })
  .describe('Expected and actual FN arrivals per hour at a suite: today so far and the next 12 hours.');
export type SuiteForecast = z.infer<typeof SuiteForecast>;

export const PackRow = z
  .strictObject({
    level: z.enum(['national', 'region', 'suite']),
    key: z.string(),
    name: z.string(),
    region: z.string(),
    figures: CoverageFigures,
    nonAttendanceByReason: z.record(z.string(), Count),
    etdRequired: Count,
    etdApplied: Count,
    highHarmCases: Count,
    outcomes: z.record(z.string(), Count).describe('Outcomes reached in the period (papers served, detained, no further action, …), by kind.'),
  })
  .describe('One row of the performance pack: the nation, a region, or a suite, over the period.');
export type PackRow = z.infer<typeof PackRow>;

export const PerformancePack = z
  .strictObject({ from: z.string(), to: z.string(), rows: z.array(PackRow), national: PackRow.describe('Every suite the reader may see, together.') })
  .describe('The daily or monthly performance pack (also as CSV).');
export type PerformancePack = z.infer<typeof PerformancePack>;

/** One period's figures in the forum: the pack row's, flattened. */
export const ForumFigures = CoverageFigures.extend({
  highHarmCases: Count,
  etdRequired: Count,
  etdApplied: Count,
  nonAttendanceByReason: z.record(z.string(), Count),
  outcomes: z.record(z.string(), Count),
});
export type ForumFigures = z.infer<typeof ForumFigures>;

export const ForumPeriod = z.strictObject({ month: z.string(), from: z.string(), to: z.string() });
export type ForumPeriod = z.infer<typeof ForumPeriod>;

export const ForumRow = z
  .strictObject({
    level: z.enum(['national', 'region', 'suite']),
    key: z.string(),
    name: z.string(),
    region: z.string(),
    current: ForumFigures,
    previousMonth: ForumFigures,
    lastYear: ForumFigures,
  })
  .describe('One line of the forum: the nation, a region or a suite, in each of the three months.');
export type ForumRow = z.infer<typeof ForumRow>;

export const ForumView = z
  .strictObject({
    periods: z.strictObject({ current: ForumPeriod, previousMonth: ForumPeriod, lastYear: ForumPeriod }),
    rows: z.array(ForumRow),
  })
  .describe('The monthly joint performance forum: a month against the month before (month on month) and the same month a year earlier (year on year). A running month counts up to today, and the months it is compared with up to the same day of the month.');
export type ForumView = z.infer<typeof ForumView>;

/** A duty manager accepts a recommendation: it becomes a normal move, recorded as accepted advice. */
export const AcceptRecommendation = z.strictObject({ officerId: OfficerId, suiteId: SuiteId });
export type AcceptRecommendation = z.infer<typeof AcceptRecommendation>;

export const FootfallReview = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    suites: z.array(
      z.strictObject({
        suiteId: z.string(),
        name: z.string(),
        region: z.string(),
        demand: z.array(z.number()).describe('FN arrivals in each hour of the week (0 = Monday 00:00, London).'),
        officerHours: z.array(z.number()),
      }),
    ),
  })
  .describe('Demand against officer-hours by hour of the week (0 = Monday 00:00, London).');
export type FootfallReview = z.infer<typeof FootfallReview>;
