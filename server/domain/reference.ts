import type { OfficerRole } from '../../protocol/index.js';

/** A custody suite as the reference data describes it. */
export interface SuiteRef {
  id: string;
  region: string;
  name: string;
  note: string | null;
  lat: number;
  lng: number;
  cells: number | null;
  openAtStart: boolean;
}

/** An officer on the roster. Officers are known by call sign only. */
export interface OfficerRef {
  id: string;
  role: OfficerRole;
  region: string;
  /** Embedded IOs belong to a suite; ICE officers work from a regional base. */
  homeSuiteId: string | null;
  baseLat: number;
  baseLng: number;
}

export interface Reference {
  suites: readonly SuiteRef[];
  officers: readonly OfficerRef[];
}
