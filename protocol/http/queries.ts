import { z } from 'zod';
import { CustodyRef, SuiteId } from '../ids.js';
import { NonAttendanceReason } from '../vocabulary.js';

/** Path and query parameters of the HTTP API. Query values arrive as text; numbers are read from it. */

/** A whole number from the query string (or, for a caller's convenience, a number). */
export const QueryInt = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number<string | number>().int().min(min).max(max);

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD').describe('a London calendar day, YYYY-MM-DD');

export const DaysQuery = z.object({ from: Day.optional(), to: Day.optional() });
export const CoverageQuery = DaysQuery.extend({ groupBy: z.enum(['suite', 'region']).default('suite') });
export const PackQuery = DaysQuery.extend({ format: z.enum(['json', 'csv']).default('json') });
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM').describe('a calendar month, YYYY-MM');
export const ForumQuery = z.object({ month: Month.optional(), format: z.enum(['json', 'csv']).default('json') });
export const CasesExportQuery = DaysQuery.extend({ format: z.literal('csv').default('csv') });
export const RegisterQuery = DaysQuery.extend({
  region: z.string().max(60).optional(),
  suiteId: SuiteId.optional(),
  reason: NonAttendanceReason.optional(),
});
export const EventsQuery = z.object({
  after: QueryInt(0).default(0).describe('Sequence number to read after.'),
  limit: QueryInt(1, 1000).default(200),
});
export const MeetingQuery = z.object({ since: QueryInt(0).optional().describe('Count non-attendances from this instant (epoch ms); default the last 24 hours.') });
export const ReplayQuery = z.object({ at: QueryInt(0).describe('The instant to rebuild (epoch ms).') });
export const AuditQuery = z.object({
  actor: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  from: z.string().max(30).optional().describe('ISO 8601 instant (UTC).'),
  to: z.string().max(30).optional().describe('ISO 8601 instant (UTC).'),
  limit: QueryInt(1, 1000).default(200),
});
export const LimitQuery = z.object({ limit: QueryInt(1, 1000).default(200) });

export const CaseParams = z.strictObject({ custodyRef: CustodyRef.describe('URL-encoded: the reference contains "/".') });
export const SuiteParams = z.strictObject({ suiteId: SuiteId });
export const IdParams = z.strictObject({ id: QueryInt(1) });
