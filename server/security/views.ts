import { compareAlerts, OFFICER_ALERT_KINDS, type AlertView, type CaseView, type Delta, type LiveDerived, type OfficerView, type Patch, type Snapshot } from '../../protocol/index.js';
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
  /** Alerts name custody references: all of them, redacted (no reference), or none at all. */
  alerts: 'full' | 'redacted' | 'none';
  highHarm: boolean;
}

export function scopeFor(role: PrincipalRole, regions: readonly string[]): Scope {
  const r = regions.length ? new Set(regions) : null;
  switch (role) {
    case 'duty_manager':
    case 'officer':
      return { regions: r, cases: true, officers: true, actors: true, alerts: 'full', highHarm: true };
    case 'ccu_operator':
      return { regions: r, cases: true, officers: false, actors: true, alerts: 'full', highHarm: true };
    case 'wall':
      return { regions: r, cases: false, officers: true, actors: false, alerts: 'redacted', highHarm: false };
    case 'admin':
      return { regions: null, cases: false, officers: false, actors: false, alerts: 'none', highHarm: true };
    case 'police_liaison':
      return { regions: r, cases: false, officers: false, actors: false, alerts: 'none', highHarm: false };
  }
}

/** A key naming the scope, so sockets that see the same thing share one filtered broadcast. */
export function scopeKey(role: PrincipalRole, regions: readonly string[]): string {
  return `${role}:${[...regions].sort().join('|')}`;
}

const inRegion = (scope: Scope, region: string) => scope.regions === null || scope.regions.has(region);

/** Officers a scope may see; who sent each one is a person's name, so only for scopes that see actors. */
function officersFor(scope: Scope, officers: readonly OfficerView[] | undefined): OfficerView[] | undefined {
  if (!scope.officers || !officers) return undefined;
  const seen = officers.filter((o) => inRegion(scope, o.region));
  return scope.actors ? seen : seen.map((o) => (o.move ? { ...o, move: { ...o.move, by: '' } } : o));
}

/** `scopedDerived`: the scope's derived view, already filtered (its feed's), used as it is. */
export function filterSnapshot(s: Snapshot, scope: Scope, caseSuite: (ref: string) => string | undefined, scopedDerived?: LiveDerived): Snapshot {
  const suites = s.suites.filter((x) => inRegion(scope, x.region));
  const suiteIds = new Set(suites.map((x) => x.id));
  return {
    seq: s.seq,
    serverTime: s.serverTime,
    suites,
    officers: officersFor(scope, s.officers) ?? [],
    // National: every case, without asking 10,000 times.
    cases: !scope.cases ? [] : scope.regions === null ? s.cases.slice() : s.cases.filter((c) => inRegion(scope, c.region)),
    assignments: scope.actors && scope.officers ? s.assignments.filter((a) => suiteIds.has(a.toSuiteId)) : [],
    highHarm: scope.highHarm ? s.highHarm : null,
    derived: scopedDerived ?? filterDerived(s.derived, scope, suiteIds, caseSuite),
  };
}

export function filterDeltas(
  deltas: readonly Delta[],
  scope: Scope,
  suiteRegion: (id: string) => string | undefined,
  officerRegion: (id: string) => string | undefined,
): Delta[] {
  return deltas.map((d) => ({
    seq: d.seq,
    at: d.at,
    type: d.type,
    source: scope.actors ? d.source : '',
    actor: scope.actors ? d.actor : '',
    patch: filterPatch(d.patch, scope, suiteRegion, officerRegion),
  }));
}

function filterPatch(p: Patch, scope: Scope, suiteRegion: (id: string) => string | undefined, officerRegion: (id: string) => string | undefined): Patch {
  const out: Patch = {};
  const suites = p.suites?.filter((x) => inRegion(scope, suiteRegion(x.id) ?? ''));
  const officers = officersFor(scope, p.officers);
  const cases = scope.cases ? p.cases?.filter((c: CaseView) => inRegion(scope, c.region)) : undefined;
  if (suites?.length) out.suites = suites;
  if (officers?.length) out.officers = officers;
  if (cases?.length) out.cases = cases;
  const positions = scope.officers ? p.positions?.filter(([id]) => inRegion(scope, officerRegion(id) ?? '')) : undefined;
  if (positions?.length) out.positions = positions;
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
  // An alert about an officer (a move not acknowledged) is for screens that see officers.
  const inScope = scope.alerts === 'none' ? [] : d.alerts.filter((a) => suiteIds.has(a.suiteId) && (scope.officers || !OFFICER_ALERT_KINDS.has(a.kind)));
  // Redacted ids sort differently from the originals: back into the one order, which a screen folding changes also uses.
  const alerts: AlertView[] = (scope.alerts === 'redacted' ? redact(inScope).sort(compareAlerts) : inScope).map((a) =>
    scope.actors ? a : { ...a, acknowledged: a.acknowledged ? { ...a.acknowledged, by: '' } : null },
  );
  const capacity: LiveDerived['capacity'] = {};
  for (const [id, c] of Object.entries(d.capacity)) if (suiteIds.has(id)) capacity[id] = c;
  return { at: d.at, alerts, ccuQueue: scope.cases ? d.ccuQueue.filter((ref) => suiteIds.has(caseSuite(ref) ?? '')) : [], capacity };
}

/**
 * Alerts for a room with no personal data (the JOC wall): the same warnings, with the custody
 * reference taken out of the id and the message. Ids become kind, suite and a running number.
 */
function redact(alerts: readonly AlertView[]): AlertView[] {
  const seen = new Map<string, number>();
  return alerts.map((a) => {
    if (a.custodyRef === null) return a;
    const key = `${a.kind}:${a.suiteId}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { ...a, id: `${key}:${n}`, custodyRef: null, message: a.message.split(a.custodyRef).join('A detainee') };
  });
}
