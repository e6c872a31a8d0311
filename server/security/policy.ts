import type { ClientToServer, PrincipalRole } from '../../protocol/index.js';

/** Who may call an HTTP route: nobody unless listed here (deny by default). */
export type Access = 'public' | 'ingest-key' | 'signed-in' | readonly PrincipalRole[];

const PEOPLE_WITH_CASES = ['duty_manager', 'ccu_operator', 'officer'] as const;
const EVERYONE_SIGNED_IN = 'signed-in';

/**
 * Every HTTP route and its policy. Registering a route that is missing here fails at start-up
 * (`server/transport/guarded-router.ts`), and the authorisation matrix test tries every entry as
 * every role.
 */
export const ROUTE_POLICY = {
  'GET /api/health': 'public',
  'GET /api/config': 'public',
  'POST /api/login': 'public',
  'POST /api/kiosk/session': 'public',
  'POST /api/logout': EVERYONE_SIGNED_IN,
  'POST /api/logout-everywhere': ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison'],
  'GET /api/me': EVERYONE_SIGNED_IN,
  'GET /api/snapshot': EVERYONE_SIGNED_IN,
  'GET /api/events': ['admin'],
  'GET /api/cases/:custodyRef/timeline': PEOPLE_WITH_CASES,
  'GET /api/non-attendances': ['duty_manager', 'ccu_operator'],
  'GET /api/coverage': ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison'],
  'GET /api/etd': ['duty_manager', 'ccu_operator'],
  'GET /api/high-harm': ['admin', 'duty_manager', 'ccu_operator', 'officer'],
  'GET /api/meeting': ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison', 'wall'],
  'GET /api/recommendations': ['duty_manager'],
  'GET /api/reports/pack': ['admin', 'duty_manager', 'ccu_operator'],
  'GET /api/footfall-review': ['admin', 'duty_manager', 'ccu_operator', 'police_liaison'],
  'GET /api/replay': ['admin', 'duty_manager', 'ccu_operator'],
  'GET /api/forecast/:suiteId': ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison', 'wall'],
  'POST /api/ingest': 'ingest-key',
  'GET /api/admin/users': ['admin'],
  'POST /api/admin/users': ['admin'],
  'PATCH /api/admin/users/:id': ['admin'],
  'GET /api/admin/kiosks': ['admin'],
  'POST /api/admin/kiosks': ['admin'],
  'POST /api/admin/kiosks/:id/revoke': ['admin'],
  'POST /api/admin/kiosks/:id/enrolment': ['admin'],
  'GET /api/admin/ingest-keys': ['admin'],
  'POST /api/admin/ingest-keys': ['admin'],
  'POST /api/admin/ingest-keys/:id/revoke': ['admin'],
  'GET /api/admin/audit': ['admin'],
  'GET /api/admin/audit/verify': ['admin'],
  'GET /api/admin/security': ['admin'],
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_POLICY;

/** Who may send each socket event. A new client event without an entry fails the build. */
export const SOCKET_POLICY: { readonly [E in keyof ClientToServer]: readonly PrincipalRole[] } = {
  'sync:hello': ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison', 'wall'],
  'officer:assign': ['duty_manager'],
  'case:start-check': ['ccu_operator', 'officer'],
  'case:record-check': ['ccu_operator', 'officer'],
  'non-attendance:set-reason': ['duty_manager'],
  'alert:acknowledge': ['duty_manager', 'ccu_operator'],
  'high-harm:publish': ['admin'],
  'recommendation:accept': ['duty_manager'],
  'officer:acknowledge': ['officer'],
  'officer:arrive': ['officer'],
  'officer:set-status': ['officer'],
  'case:cannot-attend': ['officer'],
  'case:release-check': ['duty_manager'],
};

export function routeAllows(access: Access, role: PrincipalRole | null): boolean {
  if (access === 'public') return true;
  if (access === 'ingest-key') return false; // keys, not people
  if (role === null) return false;
  if (access === 'signed-in') return true;
  return access.includes(role);
}
