import { API_ROUTES, type Access, type ApiRouteKey, type ApiRoutes, type ClientToServer, type PrincipalRole } from '../../protocol/index.js';

export type { Access };

/**
 * Who may call each `/api` route, read from the route table (protocol/http), where each entry
 * says it beside its schemas. The guarded router checks it before any handler runs, and the
 * authorisation matrix test tries every entry as every role.
 */
export const ROUTE_POLICY = Object.fromEntries(Object.entries(API_ROUTES).map(([key, spec]) => [key, spec.access])) as {
  readonly [K in RouteKey]: ApiRoutes[K]['access'];
};

export type RouteKey = ApiRouteKey;

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
  if (access === 'ingest-key' || access === 'metrics-token') return false; // keys, not people
  if (role === null) return false;
  if (access === 'signed-in') return true;
  return access.includes(role);
}
