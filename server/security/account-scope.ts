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
