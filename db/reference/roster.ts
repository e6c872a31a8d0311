import type { OfficerRef, SuiteRef } from '../../server/domain/index.js';
import { regionCode } from './suites-csv.js';

/**
 * Officers per region for the starting roster (~120 in all), weighted to demand as DOMAIN.md
 * describes it: London far busier, with embedded IOs in its busiest suites.
 */
const OFFICERS_PER_REGION: Record<string, { embedded: number; ice: number }> = {
  'Metropolitan Police': { embedded: 22, ice: 22 },
  'West Midlands Police': { embedded: 8, ice: 8 },
  'Greater Manchester Police': { embedded: 7, ice: 7 },
  'West Yorkshire Police': { embedded: 4, ice: 4 },
  'Merseyside Police': { embedded: 3, ice: 3 },
  'Kent Police': { embedded: 3, ice: 4 },
  'Police Scotland': { embedded: 4, ice: 4 },
  'South Wales Police': { embedded: 2, ice: 3 },
  'Gwent Police': { embedded: 1, ice: 2 },
  'Cheshire Constabulary': { embedded: 2, ice: 2 },
  'Cleveland Police': { embedded: 1, ice: 2 },
};
const DEFAULT_SIZE = { embedded: 1, ice: 2 };

/**
 * A deterministic starting roster: embedded IOs spread over each region's open suites, biggest
 * first (by cells, where known), and ICE officers based at the region's centre. Call signs only.
 */
export function buildRoster(suites: readonly SuiteRef[]): OfficerRef[] {
  const byRegion = new Map<string, SuiteRef[]>();
  for (const s of suites) if (s.openAtStart) byRegion.set(s.region, [...(byRegion.get(s.region) ?? []), s]);
  const officers: OfficerRef[] = [];
  for (const [region, regionSuites] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    const size = OFFICERS_PER_REGION[region] ?? DEFAULT_SIZE;
    const ranked = [...regionSuites].sort((a, b) => (b.cells ?? 20) - (a.cells ?? 20) || a.id.localeCompare(b.id));
    const code = regionCode(region);
    for (let i = 0; i < size.embedded; i++) {
      const home = ranked[i % ranked.length]!;
      officers.push({ id: callSign(code, 'IO', i), role: 'embedded_io', region, homeSuiteId: home.id, baseLat: home.lat, baseLng: home.lng });
    }
    const centre = {
      lat: regionSuites.reduce((sum, s) => sum + s.lat, 0) / regionSuites.length,
      lng: regionSuites.reduce((sum, s) => sum + s.lng, 0) / regionSuites.length,
    };
    for (let i = 0; i < size.ice; i++) {
      officers.push({ id: callSign(code, 'ICE', i), role: 'ice_officer', region, homeSuiteId: null, baseLat: round(centre.lat), baseLng: round(centre.lng) });
    }
  }
  return officers;
}

function callSign(code: string, kind: string, index: number): string {
  return `${code}-${kind}-${String(index + 1).padStart(2, '0')}`;
}

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
