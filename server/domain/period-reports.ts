import type { CoverageFigures, CoverageReport, EtdReport, PackRow, PerformancePack } from '../../protocol/index.js';
import type { PeriodCounts } from './period-counts.js';
import { figuresOf, type DayTally } from './tallies.js';

/** A suite as the reports name and group it, in the order the live state holds suites. */
export interface ReportSuite {
  readonly id: string;
  readonly region: string;
  readonly name: string;
}

type Visible = (region: string) => boolean;
const everyone: Visible = () => true;

/**
 * The reports for any period, built from the database's PeriodCounts. Each follows its in-memory
 * twin in reports.ts and pack.ts figure for figure (the same grouping, order and rounding), so
 * within the live window both answer alike; the reconciliation test holds them to it.
 */

/** Each suite's tally over the whole period (arrivals at the arrival suite, non-attendances where released). */
function suiteTallies(counts: PeriodCounts): Map<string, DayTally> {
  const out = new Map<string, { arrivals: number; checked: number; minutesToCheck: number[]; nonAttendances: number }>();
  const of = (id: string) => {
    let t = out.get(id);
    if (!t) out.set(id, (t = { arrivals: 0, checked: 0, minutesToCheck: [], nonAttendances: 0 }));
    return t;
  };
  for (const a of counts.arrivals) {
    const t = of(a.suiteId);
    t.arrivals += a.count;
    if (a.minutesToCheck === null) continue;
    t.checked += a.count;
    for (let i = 0; i < a.count; i++) t.minutesToCheck.push(a.minutesToCheck);
  }
  for (const n of counts.nonAttendances) of(n.suiteId).nonAttendances += n.count;
  return out;
}

/** Recommendation 1 over a period, per suite or region (reports.ts coverageReport). */
export function coverageOfCounts(
  suites: Iterable<ReportSuite>,
  counts: PeriodCounts,
  from: string,
  to: string,
  groupBy: 'suite' | 'region',
  visible: Visible = everyone,
): CoverageReport {
  const tallies = suiteTallies(counts);
  const groups = new Map<string, DayTally[]>();
  const all: DayTally[] = [];
  for (const suite of suites) {
    const tally = tallies.get(suite.id);
    if (!tally || !visible(suite.region)) continue;
    const key = groupBy === 'suite' ? suite.id : suite.region;
    groups.set(key, [...(groups.get(key) ?? []), tally]);
    all.push(tally);
  }
  const rows = [...groups].map(([key, t]) => ({ key, figures: figuresOf(t) })).sort((a, b) => b.figures.arrivals - a.figures.arrivals);
  return { from, to, groupBy, rows, total: figuresOf(all) };
}

/** Recommendation 4 over a period, per suite and deciding officer (reports.ts etdReport). */
export function etdOfCounts(counts: PeriodCounts, from: string, to: string, visible: Visible = everyone): EtdReport {
  const bySuite = new Map<string, { required: number; applied: number }>();
  const byOfficer = new Map<string, { required: number; applied: number }>();
  const total = { required: 0, applied: 0 };
  const add = (m: Map<string, { required: number; applied: number }>, key: string, required: number, applied: number) => {
    const row = m.get(key) ?? { required: 0, applied: 0 };
    m.set(key, { required: row.required + required, applied: row.applied + applied });
  };
  for (const e of counts.etd) {
    if (!visible(e.region)) continue;
    add(bySuite, e.suiteId, e.required, e.applied);
    add(byOfficer, e.officerId ?? 'CCU', e.required, e.applied);
    total.required += e.required;
    total.applied += e.applied;
  }
  const rows = (m: Map<string, { required: number; applied: number }>) =>
    [...m].map(([key, r]) => ({ key, ...r, ratePct: rate(r) })).sort((a, b) => b.required - a.required || a.key.localeCompare(b.key));
  return { from, to, bySuite: rows(bySuite), byOfficer: rows(byOfficer), total: { ...total, ratePct: rate(total) } };
}

function rate(r: { required: number; applied: number }): number | null {
  return r.required === 0 ? null : Math.round((r.applied / r.required) * 1000) / 10;
}

const EMPTY: CoverageFigures = { arrivals: 0, checked: 0, coveragePct: null, medianMinutesToCheck: null, nonAttendances: 0 };

/**
 * The performance pack over a period (pack.ts performancePack): per region then suite, and the
 * national total over every suite the reader may see, with the outcomes reached.
 */
export function packOfCounts(suites: readonly ReportSuite[], counts: PeriodCounts, from: string, to: string, visible: Visible = everyone): PerformancePack {
  const shown = suites.filter((s) => visible(s.region));
  const bySuite = new Map(coverageOfCounts(shown, counts, from, to, 'suite').rows.map((r) => [r.key, r.figures]));
  const coverageByRegion = coverageOfCounts(shown, counts, from, to, 'region');
  const byRegion = new Map(coverageByRegion.rows.map((r) => [r.key, r.figures]));
  const etd = etdOfCounts(counts, from, to, visible);
  const etdBySuite = new Map(etd.bySuite.map((r) => [r.key, r]));
  // Non-attendances, High Harm and outcomes count by the case's own region, as the in-memory pack does.
  const extras = (match: (suiteId: string, region: string) => boolean) => {
    const nonAttendanceByReason: Record<string, number> = {};
    const outcomes: Record<string, number> = {};
    let highHarmCases = 0;
    for (const n of counts.nonAttendances) if (visible(n.region) && match(n.suiteId, n.region)) nonAttendanceByReason[n.reason] = (nonAttendanceByReason[n.reason] ?? 0) + n.count;
    for (const h of counts.highHarm) if (visible(h.region) && match(h.suiteId, h.region)) highHarmCases += h.count;
    for (const o of counts.outcomes) if (visible(o.region) && match(o.suiteId, o.region)) outcomes[o.outcome] = (outcomes[o.outcome] ?? 0) + o.count;
    return { nonAttendanceByReason, highHarmCases, outcomes };
  };
  const rows: PackRow[] = [];
  for (const region of [...new Set(shown.map((s) => s.region))].sort()) {
    const regionSuites = shown.filter((s) => s.region === region);
    const etdRows = regionSuites.map((s) => etdBySuite.get(s.id)).filter((r) => r !== undefined);
    rows.push({
      level: 'region',
      key: region,
      name: region,
      region,
      figures: byRegion.get(region) ?? EMPTY,
      ...extras((_id, r) => r === region),
      etdRequired: etdRows.reduce((n, r) => n + r.required, 0),
      etdApplied: etdRows.reduce((n, r) => n + r.applied, 0),
    });
    for (const suite of [...regionSuites].sort((a, b) => a.name.localeCompare(b.name))) {
      rows.push({
        level: 'suite',
        key: suite.id,
        name: suite.name,
        region,
        figures: bySuite.get(suite.id) ?? EMPTY,
        ...extras((id) => id === suite.id),
        etdRequired: etdBySuite.get(suite.id)?.required ?? 0,
        etdApplied: etdBySuite.get(suite.id)?.applied ?? 0,
      });
    }
  }
  const national: PackRow = {
    level: 'national',
    key: 'national',
    name: 'National',
    region: '',
    figures: coverageByRegion.total,
    ...extras(() => true),
    etdRequired: etd.total.required,
    etdApplied: etd.total.applied,
  };
  return { from, to, rows, national };
}
