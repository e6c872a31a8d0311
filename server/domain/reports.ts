import { londonDay, type NonAttendanceReason, type NonAttendanceRegister } from '../../protocol/index.js';
import { nonAttendanceOf, type CaseState } from './cases.js';
import { caseView } from './views.js';

export interface RegisterFilter {
  from: string;
  to: string;
  region?: string | undefined;
  suiteId?: string | undefined;
  reason?: NonAttendanceReason | undefined;
}

/**
 * Recommendation 2: releases without IO attendance in [from, to] (London days of release), from
 * the cases given (the database's, for any period), latest release first.
 */
export function nonAttendanceRegister(cases: Iterable<CaseState>, filter: RegisterFilter, visible: (region: string) => boolean = () => true): NonAttendanceRegister {
  const rows: CaseState[] = [];
  for (const kase of cases) {
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
