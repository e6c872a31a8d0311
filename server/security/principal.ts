import type { PrincipalRole } from '../../protocol/index.js';
import { asOfficer, withinRegions, type EventGuard } from '../domain/index.js';

/** Who is asking: a signed-in user or an enrolled wall display, and what they are limited to. */
export interface Principal {
  kind: 'user' | 'kiosk';
  id: number;
  name: string;
  role: PrincipalRole;
  /** Empty: national. */
  regions: string[];
  /** An officer's call sign: the only officer they may act for. Null for other roles (and unlinked officers). */
  callSign: string | null;
  /** The user's record version when the session was checked: a change ends the session's authority. */
  version: number;
  sessionHash: string;
  createdAt: number;
}

/** Whether a principal may see a region. */
export function coversRegion(p: Principal, region: string): boolean {
  return p.regions.length === 0 || p.regions.includes(region);
}

/**
 * What a principal may write, checked on every fact inside the engine's write queue: only their
 * regions, and an officer only as themselves and for the cases at their own suite.
 */
export function writeGuardOf(p: Principal): EventGuard | undefined {
  const regions = withinRegions(p.regions);
  if (p.role !== 'officer') return regions;
  const self = asOfficer(p.callSign);
  return (state, event) => regions?.(state, event) ?? self(state, event);
}
