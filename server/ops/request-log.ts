import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { TraceId } from '../../protocol/index.js';
import { requestContext, type Logger } from '../log.js';
import { refusalOf } from '../transport/send.js';

/** Polled every few seconds: logged only at debug, unless they fail. */
const PROBES = new Set(['/livez', '/readyz', '/metrics']);

/**
 * One line per HTTP request, when it is answered, and the request's id on every line written
 * while it is handled. The id is the caller's `X-Request-Id` when it is a plain short token (a
 * proxy's trace id), otherwise a new UUID; it is echoed in the response's `X-Request-Id`.
 *
 * No personal data: the line names the route's pattern (`/api/cases/:custodyRef/timeline`), never
 * the raw URL, and no query string (filters and dates today, but nothing checks what tomorrow
 * adds); headers are logged with cookies, authorisation and client addresses redacted (server/log.ts).
 */
export function requestLogging(log: Logger): RequestHandler[] {
  const http = pinoHttp({
    logger: log.pino,
    genReqId: (req, res) => {
      const id = TraceId.safeParse(req.headers['x-request-id']).data ?? randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // The line is written once, when answered, with what we choose: not the request as first seen.
    quietResLogger: true,
    // Request headers help diagnosis (secrets redacted); response headers are our own and known.
    serializers: {
      req: (req: { method: string; headers: Record<string, unknown> }) => ({ method: req.method, headers: req.headers }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      return PROBES.has(pathOf(req)) && res.statusCode < 400 ? 'debug' : 'info';
    },
    customSuccessMessage: (_req, res) => (res.writableEnded ? 'http.request' : 'http.aborted'),
    customErrorMessage: () => 'http.failed',
    customSuccessObject: (req, res, fields: object) => ({ ...fields, ...summary(req, res) }),
    customErrorObject: (req, res, _error, fields: object) => ({ ...fields, ...summary(req, res) }),
  });
  const withContext: RequestHandler = (req, _res, next) => requestContext.run({ reqId: String(req.id) }, next);
  return [http, withContext];
}

/** What the request line says beyond status and timing: its id, route pattern and refusal code. */
function summary(req: IncomingMessage, res: ServerResponse): Record<string, unknown> {
  const request = req as Request;
  const response = res as Response;
  return { reqId: String(request.id), req: request, route: routeOf(request, response), code: refusalOf(response) };
}

/**
 * The route's pattern, never the raw path: a matched API route as registered; an API path that
 * matched nothing as `/api/(unmatched)` (it may carry anything); any other answered path (the
 * dashboard's files, the probes) as it is; anything else not found as `(not found)`.
 */
export function routeOf(req: Request, res: Response): string {
  if (req.route) return `${req.baseUrl ?? ''}${String((req.route as { path: unknown }).path)}`;
  const path = pathOf(req);
  if (path === '/api' || path.startsWith('/api/')) return '/api/(unmatched)';
  return res.statusCode === 404 ? '(not found)' : path;
}

/** The path as received, without the query. */
const pathOf = (req: IncomingMessage): string => {
  const url = (req as Partial<Request>).originalUrl ?? req.url ?? '/';
  const end = url.indexOf('?');
  return end < 0 ? url : url.slice(0, end);
};
