import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { INGEST_MAX_BYTES, UNAVAILABLE_MESSAGE } from '../../protocol/index.js';
import { storageUnavailable } from '../../db/store-errors.js';
import { messageOf, type Logger } from '../log.js';
import type { EdgeContext } from '../security/context.js';
import { clientIp, sessionToken } from '../security/http.js';
import { adminRoutes } from './admin-routes.js';
import { docRoutes } from './doc-routes.js';
import { authRoutes } from './auth-routes.js';
import { GuardedRouter } from './guarded-router.js';
import { ingestRoute } from './ingest-route.js';
import { liveRoutes } from './live-routes.js';
import { reportRoutes } from './report-routes.js';
import { notFound, send } from './send.js';

/** The HTTP API: every route registered through the guarded router, so each has a policy. */
export function apiRouter(ctx: EdgeContext): express.Router {
  const api = express.Router();
  api.use(express.json({ limit: INGEST_MAX_BYTES, strict: true }));
  api.use(attachPrincipal(ctx));
  const guarded = new GuardedRouter(ctx);
  authRoutes(guarded, ctx);
  liveRoutes(guarded, ctx);
  reportRoutes(guarded, ctx);
  ingestRoute(guarded, ctx);
  adminRoutes(guarded, ctx);
  docRoutes(guarded);
  guarded.assertComplete();
  api.use(guarded.router);
  api.use((_req, res) => notFound(res, 'No such API route.'));
  api.use(apiErrors(ctx));
  return api;
}

/** Resolves the session cookie (if any) to a principal for the guards and handlers. */
function attachPrincipal({ sessions }: EdgeContext): RequestHandler {
  return async (req, res, next) => {
    res.locals.principal = await sessions.resolve(sessionToken(req.headers.cookie));
    next();
  };
}

/** Body-parser and unexpected errors as the same `{ ok: false, error }` shape, never a stack trace. */
function apiErrors({ audit, log }: { audit: EdgeContext['audit']; log: Logger }): ErrorRequestHandler {
  return async (error: unknown, req, res, _next) => {
    const status = typeof error === 'object' && error && 'status' in error ? Number(error.status) : 500;
    if (status === 413) {
      await audit.security('payload_too_large', clientIp(req), { path: req.path });
      return send(res, { ok: false, error: { code: 'payload_too_large', message: `The body is larger than ${INGEST_MAX_BYTES} bytes.` } });
    }
    if (status === 400) {
      await audit.security('malformed_json', clientIp(req), { path: req.path });
      return send(res, { ok: false, error: { code: 'invalid_input', message: 'The body is not valid JSON.' } });
    }
    if (storageUnavailable(error)) {
      log.warn('api.storage_unavailable', { message: messageOf(error) });
      return send(res, { ok: false, error: { code: 'unavailable', message: UNAVAILABLE_MESSAGE } });
    }
    log.error('api.error', { message: messageOf(error) });
    send(res, { ok: false, error: { code: 'internal', message: 'Something went wrong; nothing was changed.' } });
  };
}
