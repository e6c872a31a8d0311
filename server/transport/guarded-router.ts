import express, { type RequestHandler } from 'express';
import type { Ack, ProtocolError } from '../../protocol/index.js';
import { ROUTE_POLICY, routeAllows, type RouteKey } from '../security/policy.js';
import { clientIp, principalOf } from '../security/http.js';
import type { Audit } from '../security/audit.js';

type Method = 'get' | 'post' | 'patch';

/**
 * A router that will not register a route without a policy in ROUTE_POLICY, and checks that
 * policy before the handler runs. Deny by default: a forgotten entry fails at start-up.
 */
export class GuardedRouter {
  readonly router = express.Router();
  readonly #audit: Audit;

  constructor(audit: Audit) {
    this.#audit = audit;
  }

  route(method: Method, path: string, ...handlers: RequestHandler[]): void {
    const key = `${method.toUpperCase()} /api${path}`;
    if (!(key in ROUTE_POLICY)) throw new Error(`No access policy for ${key}: add it to server/security/policy.ts`);
    const access = ROUTE_POLICY[key as RouteKey];
    const guard: RequestHandler = async (req, res, next) => {
      if (access === 'public' || access === 'ingest-key') return next();
      const principal = principalOf(res);
      if (routeAllows(access, principal?.role ?? null)) return next();
      const error: ProtocolError = principal
        ? { code: 'forbidden', message: 'Your role may not do this.' }
        : { code: 'unauthenticated', message: 'Sign in first.' };
      await this.#audit.security(principal ? 'denied' : 'unauthenticated', clientIp(req), { route: key, who: principal?.name ?? null });
      if (principal) await this.#audit.record(principal, 'denied', key, {}, clientIp(req));
      res.status(principal ? 403 : 401).json({ ok: false, error } satisfies Ack<never>);
    };
    this.router[method](path, guard, ...handlers);
  }
}
