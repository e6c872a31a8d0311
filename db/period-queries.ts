import { and, between, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { CASE_OUTCOMES, type CaseOutcome } from '../protocol/index.js';
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
export function periodQueries(t: CaseTable, from: string, to: string): Record<Exclude<keyof PeriodCounts, 'outcomes'>, GroupedQuery> {
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
  };
}

/**
 * The outcomes of a period: one grouped query per kind, each counting the cases that had that
 * outcome on a day in [from, to] (a case may have several: papers served, then removed).
 */
export function outcomeQueries(t: CaseTable, from: string, to: string): { outcome: CaseOutcome; query: GroupedQuery }[] {
  const dayOf: Record<CaseOutcome, Parameters<typeof between>[0]> = {
    papers_served: t.papersServedDay,
    detained_immigration_powers: t.detainedDay,
    removed_or_deported: t.removedDay,
    no_further_action: t.noFurtherActionDay,
  };
  return CASE_OUTCOMES.map((outcome) => ({
    outcome,
    query: { fields: { suiteId: t.suiteId, region: t.region, count }, where: between(dayOf[outcome], from, to), groupBy: [t.suiteId, t.region] },
  }));
}

/** Runs the outcome queries with `run` and labels their rows with their outcome. */
export async function outcomeCounts(
  queries: readonly { outcome: CaseOutcome; query: GroupedQuery }[],
  run: (q: GroupedQuery) => Promise<unknown[]> | unknown[],
): Promise<PeriodCounts['outcomes']> {
  const rows = await Promise.all(queries.map(async ({ outcome, query }) => ((await run(query)) as { suiteId: string; region: string; count: number }[]).map((r) => ({ ...r, outcome }))));
  return rows.flat();
}

/** Every count of a period, each grouped query run by the store's own `run` (the one difference between the stores). */
export async function periodCounts(t: CaseTable, from: string, to: string, run: (q: GroupedQuery) => Promise<unknown[]> | unknown[]): Promise<PeriodCounts> {
  const queries = periodQueries(t, from, to);
  const [arrivals, nonAttendances, highHarm, etd, outcomes] = await Promise.all([
    run(queries.arrivals),
    run(queries.nonAttendances),
    run(queries.highHarm),
    run(queries.etd),
    outcomeCounts(outcomeQueries(t, from, to), run),
  ]);
  return { arrivals, nonAttendances, highHarm, etd, outcomes } as unknown as PeriodCounts;
}
