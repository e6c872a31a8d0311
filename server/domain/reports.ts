import { londonDay, type CoverageReport, type NonAttendanceReason, type NonAttendanceRegister } from '../../protocol/index.js';
import { nonAttendanceOf, type CaseState } from './cases.js';
import type { State } from './state.js';
import { figuresOf, type DayTally } from './tallies.js';
import { caseView } from './views.js';

export interface RegisterFilter {
  from: string;
  to: string;
  region?: string | undefined;
  suiteId?: string | undefined;
  reason?: NonAttendanceReason | undefined;
}

/** Recommendation 2: releases without IO attendance in [from, to] (London days of release). */
export function nonAttendanceRegister(state: State, filter: RegisterFilter): NonAttendanceRegister {
  const rows: CaseState[] = [];
  for (const kase of state.closedCases.values()) {
    const na = nonAttendanceOf(kase);
    if (!na || !kase.released) continue;
    const day = londonDay(kase.released.at);
    if (day < filter.from || day > filter.to) continue;
    if (filter.region && kase.region !== filter.region) continue;
    if (filter.suiteId && kase.suiteId !== filter.suiteId) continue;
    if (filter.reason && na.reason !== filter.reason) continue;
    rows.push(kase);
  }
  rows.sort((a, b) => b.released!.at - a.released!.at);
  const counts: NonAttendanceRegister['counts'] = { total: rows.length, byReason: {}, bySuite: {}, byDay: {} };
  for (const kase of rows) {
    const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
    bump(counts.byReason, nonAttendanceOf(kase)!.reason);
    bump(counts.bySuite, kase.suiteId);
    bump(counts.byDay, londonDay(kase.released!.at));
  }
  return { from: filter.from, to: filter.to, rows: rows.map(caseView), counts };
}

/** Recommendation 1 over London days [from, to], per suite or region, from the same tallies as the map. */
export function coverageReport(state: State, from: string, to: string, groupBy: 'suite' | 'region'): CoverageReport {
  const groups = new Map<string, DayTally[]>();
  const all: DayTally[] = [];
  for (const suite of state.suites.values()) {
    const key = groupBy === 'suite' ? suite.id : suite.region;
    for (const [day, tally] of Object.entries(suite.days)) {
      if (day < from || day > to) continue;
      groups.set(key, [...(groups.get(key) ?? []), tally]);
      all.push(tally);
    }
  }
  const rows = [...groups].map(([key, tallies]) => ({ key, figures: figuresOf(tallies) })).sort((a, b) => b.figures.arrivals - a.figures.arrivals);
  return { from, to, groupBy, rows, total: figuresOf(all) };
}
