import type { Request, Response } from 'express';
import type { Access, ProtocolError } from '../../protocol/index.js';
import type { IngestKeyRecord } from '../../db/auth-store.js';
import type { EdgeContext } from '../security/context.js';
import { clientIp, principalOf } from '../security/http.js';
import { routeAllows } from '../security/policy.js';
import type { Principal } from '../security/principal.js';
import { sha256 } from '../security/secrets.js';

/** Who a handler is answering, by its route's access: a feed's key, a person, or (public routes) perhaps nobody. */
export type CallerOf<A extends Access> = A extends 'ingest-key' ? IngestKeyRecord : A extends 'public' ? Principal | null : Principal;

export type Admission = { ok: true; caller: Principal | IngestKeyRecord | null } | { ok: false; error: ProtocolError };

/**
 * Checks a request against its route's access before anything else is read: a person by the
 * session the request carries (attached earlier), a feed by its bearer key. Refusals that matter
 * are written to the audit and security logs here, once for every route.
 */
export async function admit(key: string, access: Access, req: Request, res: Response, { audit, auth }: Pick<EdgeContext, 'audit' | 'auth'>): Promise<Admission> {
  const principal = principalOf(res);
  if (access === 'public') return { ok: true, caller: principal };
  if (access === 'ingest-key') {
    const bearer = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.get('authorization') ?? '')?.[1];
    const found = bearer ? await auth.findIngestKey(sha256(bearer)) : null;
    if (found && !found.revoked) return { ok: true, caller: found };
    await audit.security('ingest_key_rejected', clientIp(req), { presented: Boolean(bearer) });
    return { ok: false, error: { code: 'unauthenticated', message: 'A valid ingest key is required (Authorization: Bearer …).' } };
  }
  if (principal && routeAllows(access, principal.role)) return { ok: true, caller: principal };
  await audit.security(principal ? 'denied' : 'unauthenticated', clientIp(req), { route: key, who: principal?.name ?? null });
  if (principal) await audit.record(principal, 'denied', key, {}, clientIp(req));
  return {
    ok: false,
    error: principal ? { code: 'forbidden', message: 'Your role may not do this.' } : { code: 'unauthenticated', message: 'Sign in first.' },
  };
}
