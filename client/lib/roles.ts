import { ROLE_LABEL } from '../../protocol/constants.js';
import type { Me, PrincipalRole } from '../../protocol/index.js';

export { ROLE_LABEL };
import type { RouteId } from './router.svelte.js';

/** The roles a person (not a wall display) can be given, in the order the admin page lists them. */
export const USER_ROLES = ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison'] as const satisfies readonly Exclude<
  PrincipalRole,
  'wall'
>[];

/**
 * What a role sees and may do on this screen. The server decides what each role receives and
 * refuses what it may not do; this only keeps the screen from offering tabs and buttons that
 * would be empty or refused.
 */
export interface Abilities {
  routes: readonly RouteId[];
  /** Officer dots, officer figures and the officers at a suite. */
  officers: boolean;
  /** Who is waiting at a suite (custody references): the waiting list and ETD gaps. */
  cases: boolean;
  /** Today's officer moves in the sidebar. */
  activity: boolean;
  /** The alerts drawer, with acknowledging. */
  alerts: boolean;
  reassign: boolean;
  /** Take a case from the CCU queue and record its check remotely (CCU operators). */
  takeChecks: boolean;
  /** Free a check someone took and did not record, so another can take it. */
  releaseChecks: boolean;
  correctReasons: boolean;
  publishHighHarm: boolean;
  /** The ETD report under the coverage table. */
  etdReport: boolean;
  /** Recommended officer moves, with Accept (the meeting page and the map's sidebar). */
  recommendations: boolean;
}

const NOTHING: Abilities = {
  routes: ['map'],
  officers: false,
  cases: false,
  activity: false,
  alerts: false,
  reassign: false,
  takeChecks: false,
  releaseChecks: false,
  correctReasons: false,
  publishHighHarm: false,
  etdReport: false,
  recommendations: false,
};

const ABILITIES: Record<PrincipalRole, Abilities> = {
  admin: { ...NOTHING, routes: ['map', 'high-harm', 'reports', 'forum', 'review', 'replay', 'admin'], publishHighHarm: true },
  duty_manager: {
    ...NOTHING,
    routes: ['map', 'officers', 'ccu', 'register', 'coverage', 'meeting', 'wall', 'high-harm', 'reports', 'forum', 'review', 'replay'],
    officers: true,
    cases: true,
    activity: true,
    alerts: true,
    reassign: true,
    releaseChecks: true,
    correctReasons: true,
    etdReport: true,
    recommendations: true,
  },
  ccu_operator: {
    ...NOTHING,
    routes: ['map', 'ccu', 'register', 'coverage', 'high-harm', 'reports', 'forum', 'review', 'replay'],
    cases: true,
    alerts: true,
    takeChecks: true,
    etdReport: true,
  },
  // An officer's first (home) view is their own duty screen, made for a phone: they check the
  // people at their own suite there, face to face; the CCU queue is theirs to read, not to take.
  officer: { ...NOTHING, routes: ['duty', 'map', 'ccu', 'coverage', 'high-harm'], officers: true, cases: true },
  police_liaison: { ...NOTHING, routes: ['map', 'coverage', 'review'] },
  // A wall display shows the wall and nothing else: its first (home) route is the wall.
  wall: { ...NOTHING, routes: ['wall'], officers: true },
};

export function abilitiesOf(role: PrincipalRole): Abilities {
  return ABILITIES[role];
}

/** "Metropolitan Police, Kent" or "National" (no regions means every region). */
export function regionsLabel(regions: readonly string[]): string {
  return regions.length === 0 ? 'National' : regions.join(', ');
}

/** "Jo Bloggs · Duty manager · National", for the header's title and the menu. */
export function whoLabel(me: Me): string {
  return `${me.name} · ${ROLE_LABEL[me.role]} · ${regionsLabel(me.regions)}`;
}
