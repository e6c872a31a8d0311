import { londonDay, type CoverageReport, type EtdReport, type NonAttendanceReason, type NonAttendanceRegister } from '../../protocol/index.js';
import { etdRequired, nonAttendanceOf, type CaseState } from './cases.js';
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
export function nonAttendanceRegister(state: State, filter: RegisterFilter, visible: (region: string) => boolean = () => true): NonAttendanceRegister {
  const rows: CaseState[] = [];
  for (const kase of state.closedCases.values()) {
    const na = nonAttendanceOf(kase);
    if (!na || !kase.released) continue;
    const day = londonDay(kase.released.at);
    if (day < filter.from || day > filter.to) continue;
    if (!visible(kase.region) || (filter.region && kase.region !== filter.region)) continue;
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
export function coverageReport(
  state: State,
  from: string,
  to: string,
  groupBy: 'suite' | 'region',
  visible: (region: string) => boolean = () => true,
): CoverageReport {
  const groups = new Map<string, DayTally[]>();
  const all: DayTally[] = [];
  for (const suite of state.suites.values()) {
    if (!visible(suite.region)) continue;
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

/**
 * Recommendation 4: of the cases needing an ETD (by the day of the decision that made it needed),
 * how many were applied for, per suite and per deciding officer.
 */
export function etdReport(state: State, from: string, to: string, visible: (region: string) => boolean = () => true): EtdReport {
  const bySuite = new Map<string, { required: number; applied: number }>();
  const byOfficer = new Map<string, { required: number; applied: number }>();
  const total = { required: 0, applied: 0 };
  const count = (m: Map<string, { required: number; applied: number }>, key: string, applied: boolean) => {
    const row = m.get(key) ?? { required: 0, applied: 0 };
    m.set(key, { required: row.required + 1, applied: row.applied + Number(applied) });
  };
  for (const kase of [...state.cases.values(), ...state.closedCases.values()]) {
    if (!etdRequired(kase) || !kase.decision || !visible(kase.region)) continue;
    const day = londonDay(kase.decision.at);
    if (day < from || day > to) continue;
    const applied = kase.etdAppliedAt !== null;
    count(bySuite, kase.suiteId, applied);
    count(byOfficer, kase.decision.officerId ?? 'CCU', applied);
    total.required += 1;
    total.applied += Number(applied);
  }
  const rows = (m: Map<string, { required: number; applied: number }>) =>
    [...m].map(([key, r]) => ({ key, ...r, ratePct: rate(r) })).sort((a, b) => b.required - a.required || a.key.localeCompare(b.key));
  return { from, to, bySuite: rows(bySuite), byOfficer: rows(byOfficer), total: { ...total, ratePct: rate(total) } };
}

function rate(r: { required: number; applied: number }): number | null {
  return r.required === 0 ? null : Math.round((r.applied / r.required) * 1000) / 10;
}
