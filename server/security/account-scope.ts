import type { PrincipalRole } from '../../protocol/index.js';

/**
 * Roles that see one region (a force's liaison, an officer), roles that need regions or an
 * explicit national scope (duty managers, wall displays), and roles that are national by nature.
 */
const ONE_REGION: ReadonlySet<PrincipalRole> = new Set(['police_liaison', 'officer']);
const REGIONS_OR_NATIONAL: ReadonlySet<PrincipalRole> = new Set(['duty_manager', 'wall']);

/**
 * Why an account (or wall display) with this role and scope must not exist, or null. Nothing is
 * national by omission: a scope left empty is refused unless `national` was asked for, and every
 * region named must be one the reference data knows (a typo would otherwise match nothing, or a
 * force that is not on the system).
 */
export function accountScopeProblem(role: PrincipalRole, regions: readonly string[], national: boolean, known: ReadonlySet<string>): string | null {
  const unknown = regions.filter((r) => !known.has(r));
  if (unknown.length) return `Unknown region ${unknown.map((r) => `"${r}"`).join(', ')}; known: ${[...known].sort().join(', ')}.`;
  if (new Set(regions).size !== regions.length) return 'A region is named twice.';
  if (national && regions.length) return 'Choose either national or regions, not both.';
  if (ONE_REGION.has(role)) {
    if (national || regions.length !== 1) return `A ${role.replace('_', ' ')} works in exactly one region (force); name it.`;
    return null;
  }
  if (REGIONS_OR_NATIONAL.has(role)) {
    if (!national && regions.length === 0) return 'Name the regions, or choose national explicitly.';
    return null;
  }
  return regions.length ? `A ${role.replace('_', ' ')} is national; do not name regions.` : null;
}

/**
 * Why an account with this role and regions cannot have this call sign, or null. An officer
 * account is one officer on the roster, in the account's region: that is whose status and checks
 * the person may act for. No other role has one.
 */
export function callSignProblem(role: PrincipalRole, regions: readonly string[], callSign: string | null, roster: ReadonlyMap<string, string>): string | null {
  if (role !== 'officer') return callSign === null ? null : `Only an officer account is linked to a call sign, not a ${role.replace('_', ' ')}.`;
  if (callSign === null) return "An officer account is linked to the officer's call sign on the roster (e.g. MET-IO-07); give it.";
  const region = roster.get(callSign);
  if (region === undefined) return `No officer with call sign ${callSign} is on the roster.`;
  if (!regions.includes(region)) return `${callSign} works in ${region}; the account's region must be the same.`;
  return null;
}
