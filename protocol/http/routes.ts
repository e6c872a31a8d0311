import { ADMIN_ROUTES } from './admin-routes.js';
import { AUTH_ROUTES } from './auth-routes.js';
import { FEED_ROUTES } from './feed-routes.js';
import { LIVE_ROUTES } from './live-routes.js';
import { DOC_ROUTES, OPS_ROUTES } from './ops-routes.js';
import { REPORT_ROUTES } from './report-routes.js';
import type { HttpMethod, RouteSpec } from './route.js';

/**
 * Every route under `/api`, in one table: its parameters, query, body and answer as schemas, who
 * may call it, and what it is for. The server registers its handlers by these keys
 * (server/transport/guarded-router.ts: a handler without an entry, or an entry without a handler,
 * stops the start), the dashboard calls by them (client/lib/http.ts), and the OpenAPI document
 * and the reference page are generated from them (protocol/http/openapi.ts).
 */
export const API_ROUTES = {
  ...AUTH_ROUTES,
  ...LIVE_ROUTES,
  ...REPORT_ROUTES,
  ...FEED_ROUTES,
  ...ADMIN_ROUTES,
  ...DOC_ROUTES,
} satisfies Record<`${HttpMethod} /api/${string}`, RouteSpec>;

/** Every HTTP route the server answers: the API and the operators' probes and metrics. */
export const HTTP_ROUTES = { ...API_ROUTES, ...OPS_ROUTES } satisfies Record<`${HttpMethod} /${string}`, RouteSpec>;

export type ApiRoutes = typeof API_ROUTES;
export type ApiRouteKey = keyof ApiRoutes;
export type HttpRoutes = typeof HTTP_ROUTES;
export type HttpRouteKey = keyof HttpRoutes;
