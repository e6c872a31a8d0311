import type { CaseOutcome } from '../../protocol/index.js';
import type { CaseRecord } from './case-record.js';

/**
 * Everything the reports count over a period of London days [from, to], grouped as finely as any
 * report needs and no finer, so the database answers a year in a few grouped queries and the
 * reports (period-reports.ts) are built from it by the same code on SQLite and PostgreSQL.
 * `suiteId` is where a case counts for that figure (see CaseRecord); `region` is the case's region.
 */
export interface PeriodCounts {
  /** Cases that arrived in the period, by arrival suite and minutes to check (null: not checked). */
  readonly arrivals: readonly { readonly suiteId: string; readonly minutesToCheck: number | null; readonly count: number }[];
  /** Releases in the period that were non-attendances, by suite, region and reason. */
  readonly nonAttendances: readonly { readonly suiteId: string; readonly region: string; readonly reason: string; readonly count: number }[];
  /** High Harm cases that arrived in the period, by suite and region. */
  readonly highHarm: readonly { readonly suiteId: string; readonly region: string; readonly count: number }[];
  /** Cases needing an ETD, by the day of the decision that made it needed: by suite, region and deciding officer. */
  readonly etd: readonly { readonly suiteId: string; readonly region: string; readonly officerId: string | null; readonly required: number; readonly applied: number }[];
  /** Outcomes recorded in the period (each on its own day; a case may have several), by suite, region and outcome. */
  readonly outcomes: readonly { readonly suiteId: string; readonly region: string; readonly outcome: string; readonly count: number }[];
}

type Counted = Pick<
  CaseRecord,
  | 'arrivalSuiteId'
  | 'suiteId'
  | 'region'
  | 'arrivalDay'
  | 'minutesToCheck'
  | 'releaseDay'
  | 'nonAttendanceReason'
  | 'highHarm'
  | 'decisionDay'
  | 'decisionOfficerId'
  | 'etdRequired'
  | 'etdApplied'
  | 'papersServedDay'
  | 'detainedDay'
  | 'removedDay'
  | 'noFurtherActionDay'
>;

/**
 * The counts of a period from records held in memory: what the database's grouped queries must
 * answer (the stores' contract and the reconciliation test compare them with this).
 */
export function countRecords(records: Iterable<Counted>, from: string, to: string): PeriodCounts {
  const inRange = (day: string | null) => day !== null && day >= from && day <= to;
  const arrivals = new Map<string, { suiteId: string; minutesToCheck: number | null; count: number }>();
  const nonAttendances = new Map<string, { suiteId: string; region: string; reason: string; count: number }>();
  const highHarm = new Map<string, { suiteId: string; region: string; count: number }>();
  const etd = new Map<string, { suiteId: string; region: string; officerId: string | null; required: number; applied: number }>();
  const outcomes = new Map<string, { suiteId: string; region: string; outcome: string; count: number }>();
  const bump = <T extends { count: number }>(m: Map<string, T>, key: string, make: () => T) => {
    const row = m.get(key) ?? make();
    row.count++;
    m.set(key, row);
  };
  for (const r of records) {
    if (inRange(r.arrivalDay)) {
      bump(arrivals, `${r.arrivalSuiteId}|${r.minutesToCheck}`, () => ({ suiteId: r.arrivalSuiteId, minutesToCheck: r.minutesToCheck, count: 0 }));
      if (r.highHarm) bump(highHarm, `${r.suiteId}|${r.region}`, () => ({ suiteId: r.suiteId, region: r.region, count: 0 }));
    }
    const reason = r.nonAttendanceReason;
    if (reason !== null && inRange(r.releaseDay)) {
      bump(nonAttendances, `${r.suiteId}|${r.region}|${reason}`, () => ({ suiteId: r.suiteId, region: r.region, reason, count: 0 }));
    }
    if (r.etdRequired && inRange(r.decisionDay)) {
      const key = `${r.suiteId}|${r.region}|${r.decisionOfficerId}`;
      const row = etd.get(key) ?? { suiteId: r.suiteId, region: r.region, officerId: r.decisionOfficerId, required: 0, applied: 0 };
      etd.set(key, { ...row, required: row.required + 1, applied: row.applied + Number(r.etdApplied) });
    }
    const days: [CaseOutcome, string | null][] = [
      ['papers_served', r.papersServedDay],
      ['detained_immigration_powers', r.detainedDay],
      ['removed_or_deported', r.removedDay],
      ['no_further_action', r.noFurtherActionDay],
    ];
    for (const [outcome, day] of days) {
      if (inRange(day)) bump(outcomes, `${r.suiteId}|${r.region}|${outcome}`, () => ({ suiteId: r.suiteId, region: r.region, outcome, count: 0 }));
    }
  }
  return { arrivals: [...arrivals.values()], nonAttendances: [...nonAttendances.values()], highHarm: [...highHarm.values()], etd: [...etd.values()], outcomes: [...outcomes.values()] };
}

/** Counts in one order whatever order they were read in, for comparing two sources. */
export function sortedCounts(c: PeriodCounts): PeriodCounts {
  const by = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    arrivals: [...c.arrivals].sort(by((r) => `${r.suiteId}|${String(r.minutesToCheck).padStart(9, '0')}`)),
    nonAttendances: [...c.nonAttendances].sort(by((r) => `${r.suiteId}|${r.region}|${r.reason}`)),
    highHarm: [...c.highHarm].sort(by((r) => `${r.suiteId}|${r.region}`)),
    etd: [...c.etd].sort(by((r) => `${r.suiteId}|${r.region}|${r.officerId}`)),
    outcomes: [...c.outcomes].sort(by((r) => `${r.suiteId}|${r.region}|${r.outcome}`)),
  };
}
