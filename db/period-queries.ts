import { and, between, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { PeriodCounts } from '../server/domain/index.js';
import type * as pgSchema from './pg-schema.js';
import type * as liteSchema from './schema.js';

type CaseTable = typeof liteSchema.caseStates | typeof pgSchema.caseStates;

/** One grouped query of the read model: what to select, which rows, grouped by what. */
export interface GroupedQuery {
  fields: Record<string, unknown>;
  where: SQL;
  groupBy: unknown[];
}

const count = sql<number>`count(*)`.mapWith(Number);

/**
 * The grouped queries that answer PeriodCounts over London days [from, to]: the same drizzle
 * expressions on SQLite and PostgreSQL (each store runs them on its own table), each served by
 * one of the read model's indexes.
 */
export function periodQueries(t: CaseTable, from: string, to: string): Record<keyof PeriodCounts, GroupedQuery> {
  return {
    arrivals: {
      fields: { suiteId: t.arrivalSuiteId, minutesToCheck: t.minutesToCheck, count },
      where: between(t.arrivalDay, from, to),
      groupBy: [t.arrivalSuiteId, t.minutesToCheck],
    },
    nonAttendances: {
      fields: { suiteId: t.suiteId, region: t.region, reason: t.nonAttendanceReason, count },
      where: and(between(t.releaseDay, from, to), isNotNull(t.nonAttendanceReason))!,
      groupBy: [t.suiteId, t.region, t.nonAttendanceReason],
    },
    highHarm: {
      fields: { suiteId: t.suiteId, region: t.region, count },
      where: and(between(t.arrivalDay, from, to), eq(t.highHarm, true))!,
      groupBy: [t.suiteId, t.region],
    },
    etd: {
      fields: {
        suiteId: t.suiteId,
        region: t.region,
        officerId: t.decisionOfficerId,
        required: count,
        applied: sql<number>`count(*) filter (where ${t.etdApplied})`.mapWith(Number),
      },
      where: and(between(t.decisionDay, from, to), eq(t.etdRequired, true))!,
      groupBy: [t.suiteId, t.region, t.decisionOfficerId],
    },
    outcomes: {
      fields: { suiteId: t.suiteId, region: t.region, outcome: t.outcome, count },
      where: and(between(t.outcomeDay, from, to), isNotNull(t.outcome))!,
      groupBy: [t.suiteId, t.region, t.outcome],
    },
  };
}
