import type { CoverageFigures, PackRow, PerformancePack } from '../../protocol/index.js';
import { nonAttendanceOf } from './cases.js';
import { coverageReport, etdReport } from './reports.js';
import type { State } from './state.js';
import { londonDay } from '../../protocol/index.js';
import { outcomeCountsOf, type DayTally } from './tallies.js';

/**
 * The daily or monthly performance pack (for the monthly joint performance forum): per region, then
 * per suite, the same counts as the live screens — coverage and outcomes from the tallies,
 * non-attendances and ETD from the cases, High Harm by the verdict each case carries.
 */
export function performancePack(state: State, from: string, to: string, visible: (region: string) => boolean = () => true): PerformancePack {
  const rows: PackRow[] = [];
  const suites = [...state.suites.values()].filter((s) => visible(s.region));
  const inRange = (at: number) => {
    const d = londonDay(at);
    return d >= from && d <= to;
  };
  const cases = [...state.cases.values(), ...state.closedCases.values()].filter((c) => visible(c.region));
  const bySuiteCoverage = new Map(coverageReport(state, from, to, 'suite', visible).rows.map((r) => [r.key, r.figures]));
  const byRegionCoverage = new Map(coverageReport(state, from, to, 'region', visible).rows.map((r) => [r.key, r.figures]));
  const etd = etdReport(state, from, to, visible);
  const etdBySuite = new Map(etd.bySuite.map((r) => [r.key, r]));
  const extras = (match: (suiteId: string, region: string) => boolean) => {
    const nonAttendanceByReason: Record<string, number> = {};
    let highHarmCases = 0;
    for (const c of cases) {
      if (!match(c.suiteId, c.region)) continue;
      const na = nonAttendanceOf(c);
      if (na && c.released && inRange(c.released.at)) nonAttendanceByReason[na.reason] = (nonAttendanceByReason[na.reason] ?? 0) + 1;
      if (c.highHarm.highHarm && inRange(c.relevantTime)) highHarmCases++;
    }
    return { nonAttendanceByReason, highHarmCases };
  };
  const tallies = (suiteIds: readonly string[]): DayTally[] =>
    suiteIds.flatMap((id) => Object.entries(state.suites.get(id)?.days ?? {}).flatMap(([day, t]) => (day >= from && day <= to ? [t] : [])));
  const empty: CoverageFigures = { arrivals: 0, checked: 0, coveragePct: null, medianMinutesToCheck: null, nonAttendances: 0 };
  for (const region of [...new Set(suites.map((s) => s.region))].sort()) {
    const regionSuites = suites.filter((s) => s.region === region);
    const etdRows = regionSuites.map((s) => etdBySuite.get(s.id)).filter((r) => r !== undefined);
    rows.push({
      level: 'region',
      key: region,
      name: region,
      region,
      figures: byRegionCoverage.get(region) ?? empty,
      ...extras((_id, r) => r === region),
      etdRequired: etdRows.reduce((n, r) => n + r.required, 0),
      etdApplied: etdRows.reduce((n, r) => n + r.applied, 0),
      outcomes: outcomeCountsOf(tallies(regionSuites.map((s) => s.id))),
    });
    for (const suite of regionSuites.sort((a, b) => a.name.localeCompare(b.name))) {
      rows.push({
        level: 'suite',
        key: suite.id,
        name: suite.name,
        region,
        figures: bySuiteCoverage.get(suite.id) ?? empty,
        ...extras((id) => id === suite.id),
        etdRequired: etdBySuite.get(suite.id)?.required ?? 0,
        etdApplied: etdBySuite.get(suite.id)?.applied ?? 0,
        outcomes: outcomeCountsOf(tallies([suite.id])),
      });
    }
  }
  return { from, to, rows };
}
