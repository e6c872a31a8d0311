import type { PrincipalRole } from '../../protocol/index.js';

/** Who is asking: a signed-in user or an enrolled wall display, and what they are limited to. */
export interface Principal {
  kind: 'user' | 'kiosk';
  id: number;
  name: string;
  role: PrincipalRole;
  /** Empty: national. */
  regions: string[];
  /** The user's record version when the session was checked: a change ends the session's authority. */
  version: number;
  sessionHash: string;
  createdAt: number;
}

/** Whether a principal may see a region. */
export function coversRegion(p: Principal, region: string): boolean {
  return p.regions.length === 0 || p.regions.includes(region);
}
