import type { AlertView, LiveDerived, OfficerView, SuiteView } from '../../protocol/index.js';

/**
 * The wall's "more officers needed" rule: one officer clears about 8 status checks in the time
 * PACE clocks leave, so each suite's checks that its officers cannot clear in time (the server's
 * capacity figures: queue − canClear) need ⌈that ÷ 8⌉ more officers. Summed over the suites shown.
 */
export const CHECKS_PER_OFFICER = 8;
export const NEEDED_RULE = `More needed: per suite, checks its officers cannot clear in time ÷ ${CHECKS_PER_OFFICER}, rounded up`;

/** The headline figures for one view of the wall (national, or one region). */
export interface WallFigures {
  /** FN arrivals today (London day). */
  arrivals: number;
  /** Waiting for a status check now. */
  pending: number;
  checked: number;
  /** checked ÷ arrivals today, 0–100 with one decimal; null with no arrivals. */
  coveragePct: number | null;
  /** Releases today with no IO attendance. */
  nonAttendances: number;
  /** Officers at a suite or travelling to one. */
  deployed: number;
  /** More officers needed, by the rule above. */
  needed: number;
}

/** `region` null means every suite this screen was sent. */
export type ViewRegion = string | null;

const inView = (region: ViewRegion, suiteRegion: string | undefined): boolean => region === null || suiteRegion === region;

/**
 * Adds up the per-suite figures the server sent (no domain count is redone here): the same sums
 * as the header, for the suites of one region or all of them.
 */
export function wallFigures(
  suites: ReadonlyMap<string, SuiteView>,
  officers: ReadonlyMap<string, OfficerView>,
  capacity: LiveDerived['capacity'],
  region: ViewRegion,
): WallFigures {
  let arrivals = 0;
  let pending = 0;
  let checked = 0;
  let nonAttendances = 0;
  let needed = 0;
  for (const s of suites.values()) {
    if (!inView(region, s.region)) continue;
    arrivals += s.today.arrivals;
    checked += s.today.checked;
    pending += s.pendingChecks;
    nonAttendances += s.today.nonAttendances;
    const c = capacity[s.id];
    if (c) needed += Math.ceil(Math.max(0, c.queue - c.canClear) / CHECKS_PER_OFFICER);
  }
  let deployed = 0;
  for (const o of officers.values()) {
    if (o.status !== 'travelling' && o.status !== 'at_suite') continue;
    // Counted where they are working (the suite's region), not where they are rostered.
    const where = (o.suiteId ? suites.get(o.suiteId)?.region : undefined) ?? o.region;
    if (inView(region, where)) deployed++;
  }
  const coveragePct = arrivals > 0 ? Math.round((checked / arrivals) * 1000) / 10 : null;
  return { arrivals, pending, checked, coveragePct, nonAttendances, deployed, needed };
}

/**
 * The alerts about suites in the view, those still to acknowledge first (server order within).
 * A wall display is never sent alerts about a person; when a duty manager opens the wall on a
 * shared screen, the custody reference is taken out of the message all the same.
 */
export function wallAlerts(alerts: readonly AlertView[], suites: ReadonlyMap<string, SuiteView>, region: ViewRegion): AlertView[] {
  const shown = alerts
    .filter((a) => inView(region, suites.get(a.suiteId)?.region))
    .map((a) => (a.custodyRef ? { ...a, custodyRef: null, message: a.message.replaceAll(a.custodyRef, 'A detainee') } : a));
  return shown.sort((a, b) => Number(a.acknowledged !== null) - Number(b.acknowledged !== null));
}

/** A tile's freshness: how old its data is, and whether that is too old to trust. */
export interface Freshness {
  stale: boolean;
  label: string;
  ageMs: number | null;
}

/**
 * "updated 14 s ago", or, past the threshold (or when the connection itself says stale),
 * "STALE — no update for 3 min": a frozen number must never look live.
 */
export function freshness(heardAt: number | null, localNow: number, staleMs: number, connectionStale: boolean, ageLabel: (ms: number) => string): Freshness {
  if (heardAt === null) return { stale: true, label: 'STALE — no data received yet', ageMs: null };
  const ageMs = Math.max(0, localNow - heardAt);
  if (ageMs > staleMs || connectionStale) return { stale: true, label: `STALE — no update for ${ageLabel(ageMs)}`, ageMs };
  return { stale: false, label: `updated ${ageLabel(ageMs)} ago`, ageMs };
}
