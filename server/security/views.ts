import type { AlertView, CaseView, Delta, LiveDerived, OfficerView, Patch, Snapshot, SuiteView } from '../../protocol/index.js';
import type { PrincipalRole } from '../../protocol/index.js';

/**
 * What a role receives. Enforced here, on the server, before anything is sent: a police liaison's
 * socket never carries a custody reference, a nationality, an officer's call sign or position.
 */
export interface Scope {
  /** null: national. */
  regions: ReadonlySet<string> | null;
  cases: boolean;
  officers: boolean;
  /** Who did what (actors, moves): people's names are personal data too. */
  actors: boolean;
  /** Alerts may name a custody reference. */
  personalAlerts: boolean;
  highHarm: boolean;
}

export function scopeFor(role: PrincipalRole, regions: readonly string[]): Scope {
  const r = regions.length ? new Set(regions) : null;
  switch (role) {
    case 'duty_manager':
    case 'officer':
      return { regions: r, cases: true, officers: true, actors: true, personalAlerts: true, highHarm: true };
    case 'ccu_operator':
      return { regions: r, cases: true, officers: false, actors: true, personalAlerts: true, highHarm: true };
    case 'wall':
      return { regions: r, cases: false, officers: true, actors: false, personalAlerts: false, highHarm: false };
    case 'admin':
      return { regions: null, cases: false, officers: false, actors: false, personalAlerts: false, highHarm: true };
    case 'police_liaison':
      return { regions: r, cases: false, officers: false, actors: false, personalAlerts: false, highHarm: false };
  }
}

/** A key naming the scope, so sockets that see the same thing share one filtered broadcast. */
export function scopeKey(role: PrincipalRole, regions: readonly string[]): string {
  return `${role}:${[...regions].sort().join('|')}`;
}

const inRegion = (scope: Scope, region: string) => scope.regions === null || scope.regions.has(region);

export function filterSnapshot(s: Snapshot, scope: Scope, caseSuite: (ref: string) => string | undefined): Snapshot {
  const suites = s.suites.filter((x) => inRegion(scope, x.region));
  const suiteIds = new Set(suites.map((x) => x.id));
  return {
    seq: s.seq,
    serverTime: s.serverTime,
    suites,
    officers: scope.officers ? s.officers.filter((o) => inRegion(scope, o.region)) : [],
    cases: scope.cases ? s.cases.filter((c) => inRegion(scope, c.region)) : [],
    assignments: scope.actors && scope.officers ? s.assignments.filter((a) => suiteIds.has(a.toSuiteId)) : [],
    highHarm: scope.highHarm ? s.highHarm : null,
    derived: filterDerived(s.derived, scope, suiteIds, caseSuite),
  };
}

export function filterDeltas(deltas: readonly Delta[], scope: Scope, suiteRegion: (id: string) => string | undefined): Delta[] {
  return deltas.map((d) => ({
    seq: d.seq,
    at: d.at,
    type: d.type,
    source: scope.actors ? d.source : '',
    actor: scope.actors ? d.actor : '',
    patch: filterPatch(d.patch, scope, suiteRegion),
  }));
}

function filterPatch(p: Patch, scope: Scope, suiteRegion: (id: string) => string | undefined): Patch {
  const out: Patch = {};
  const suites = p.suites?.filter((x: SuiteView) => inRegion(scope, x.region));
  const officers = scope.officers ? p.officers?.filter((o: OfficerView) => inRegion(scope, o.region)) : undefined;
  const cases = scope.cases ? p.cases?.filter((c: CaseView) => inRegion(scope, c.region)) : undefined;
  if (suites?.length) out.suites = suites;
  if (officers?.length) out.officers = officers;
  if (cases?.length) out.cases = cases;
  if (scope.cases && p.closedCases?.length) out.closedCases = p.closedCases;
  const to = p.assignment ? suiteRegion(p.assignment.toSuiteId) : undefined;
  if (p.assignment && scope.actors && scope.officers && to && inRegion(scope, to)) out.assignment = p.assignment;
  if (p.highHarm && scope.highHarm) out.highHarm = p.highHarm;
  return out;
}

export function filterDerived(
  d: LiveDerived,
  scope: Scope,
  suiteIds: ReadonlySet<string>,
  caseSuite: (ref: string) => string | undefined,
): LiveDerived {
  const alerts: AlertView[] = d.alerts
    .filter((a) => suiteIds.has(a.suiteId))
    .filter((a) => scope.personalAlerts || a.custodyRef === null)
    .map((a) => (scope.actors ? a : { ...a, acknowledged: a.acknowledged ? { ...a.acknowledged, by: '' } : null }));
  const capacity: LiveDerived['capacity'] = {};
  for (const [id, c] of Object.entries(d.capacity)) if (suiteIds.has(id)) capacity[id] = c;
  return { at: d.at, alerts, ccuQueue: scope.cases ? d.ccuQueue.filter((ref) => suiteIds.has(caseSuite(ref) ?? '')) : [], capacity };
}
