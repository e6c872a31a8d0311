import type { Request } from 'express';
import type { UserRecord } from '../../db/auth-store.js';
import { verifyChain } from '../../db/audit-chain.js';
import type { UserView } from '../../protocol/index.js';
import type { EdgeContext } from '../security/context.js';
import { accountScopeProblem } from '../security/account-scope.js';
import { callSignLinkProblem } from '../security/call-sign-link.js';
import { clientIp } from '../security/http.js';
import type { Principal } from '../security/principal.js';
import { generatedPassword, hashPassword, newSecret, sha256 } from '../security/secrets.js';
import type { GuardedRouter } from './guarded-router.js';

const userView = ({ passwordHash: _p, version: _v, ...u }: UserRecord): UserView => u;
const NO_SUCH = (what: string) => `No such ${what}.`;

/** Users, wall displays, ingest keys and the logs: an admin's work, every change audited. */
export function adminRoutes(api: GuardedRouter, ctx: EdgeContext): void {
  const { auth, audit } = ctx;
  const kioskLinkMs = ctx.config.security.kioskLinkMs;
  // Regions are the forces the reference data knows; anything else is a typo or a force not on the system.
  const knownRegions = () => new Set([...ctx.engine.state.suites.values()].map((s) => s.region));
  const linkProblem = (role: UserRecord['role'], regions: string[], callSign: string | null, userId: number | null) =>
    callSignLinkProblem(auth, ctx.engine.state.officers.values(), { role, regions, callSign, userId });
  const record = (req: Request, who: Principal, action: string, subject: string, detail: Record<string, unknown> = {}) =>
    audit.record(who, action, subject, detail, clientIp(req));

  api.route('GET /api/admin/users', async ({ ok }) => ok((await auth.listUsers()).map(userView)));

  api.route('POST /api/admin/users', async ({ body, caller, req, ok, refuse }) => {
    if (await auth.findUserByName(body.username)) return refuse('invalid_input', 'That username is taken.');
    const problem = accountScopeProblem(body.role, body.regions, body.national, knownRegions()) ?? (await linkProblem(body.role, body.regions, body.callSign, null));
    if (problem) return refuse('invalid_input', problem);
    const secret = body.password ? null : generatedPassword();
    const user = await auth.createUser({
      username: body.username,
      passwordHash: await hashPassword(body.password ?? secret!),
      role: body.role,
      regions: body.regions,
      callSign: body.callSign,
      createdAt: Date.now(),
    });
    await record(req, caller, 'user.created', user.username, { role: user.role, regions: user.regions, callSign: user.callSign });
    if (user.callSign) await record(req, caller, 'user.call_sign_linked', user.username, { callSign: user.callSign, previous: null });
    return ok({ item: userView(user), secret });
  });

  api.route('PATCH /api/admin/users/:id', async ({ params: { id }, body, caller, req, ok, refuse }) => {
    const { resetPassword, national, ...change } = body;
    const current = await auth.findUser(id);
    if (!current) return refuse('invalid_input', NO_SUCH('user'));
    // The scope after the change must be valid as a whole: a new role may need regions, or none.
    const regions = national ? [] : (change.regions ?? current.regions);
    const role = change.role ?? current.role;
    // Another role drops the call sign; an officer keeps theirs unless it is changed.
    const callSign = change.callSign !== undefined ? change.callSign : role === 'officer' ? current.callSign : null;
    const rescoped = change.role !== undefined || change.regions !== undefined || change.callSign !== undefined || national !== undefined;
    const problem =
      accountScopeProblem(role, regions, national ?? (change.regions === undefined && current.regions.length === 0), knownRegions()) ??
      (rescoped ? await linkProblem(role, regions, callSign, current.id) : null);
    if (problem) return refuse('invalid_input', problem);
    if (callSign !== current.callSign) change.callSign = callSign;
    if (national) change.regions = [];
    if (caller.kind === 'user' && caller.id === id && (change.disabled === true || (change.role && change.role !== 'admin')))
      return refuse('forbidden', 'You cannot disable or demote yourself; ask another admin.');
    const secret = resetPassword ? generatedPassword() : null;
    const user = await auth.updateUser(id, { ...change, ...(secret ? { passwordHash: await hashPassword(secret) } : {}) });
    if (!user) return refuse('invalid_input', NO_SUCH('user'));
    if (secret) await ctx.sessions.limits.reset(user.username);
    // A changed user starts again: sessions end, open screens are cut within seconds.
    await auth.deleteSessionsOf({ userId: user.id });
    ctx.recheckConnections();
    await record(req, caller, 'user.changed', user.username, { ...change, passwordReset: Boolean(secret) });
    // Whose status and checks this person acts for: its own entry, so the link is easy to find.
    if (user.callSign !== current.callSign) await record(req, caller, 'user.call_sign_linked', user.username, { callSign: user.callSign, previous: current.callSign });
    return ok({ item: userView(user), secret });
  });

  api.route('GET /api/admin/kiosks', async ({ ok }) => ok(await auth.listKiosks()));

  api.route('POST /api/admin/kiosks', async ({ body, caller, req, ok, refuse }) => {
    const problem = accountScopeProblem('wall', body.regions, body.national, knownRegions());
    if (problem) return refuse('invalid_input', problem);
    const token = newSecret();
    const now = Date.now();
    const kiosk = await auth.createKiosk({ name: body.name, regions: body.regions, tokenHash: sha256(token), createdAt: now, enrolExpiresAt: now + kioskLinkMs });
    await record(req, caller, 'kiosk.enrolled', kiosk.name, { regions: kiosk.regions });
    return ok({ item: kiosk, secret: token });
  });

  // A replaced or re-imaged display: a new one-time link; the old link and the old device's sessions end.
  api.route('POST /api/admin/kiosks/:id/enrolment', async ({ params: { id }, caller, req, ok, refuse }) => {
    const token = newSecret();
    const kiosk = await auth.renewKioskEnrolment(id, sha256(token), Date.now() + kioskLinkMs);
    if (!kiosk) return refuse('invalid_input', NO_SUCH('wall display (or it was revoked)'));
    await auth.deleteSessionsOf({ kioskId: kiosk.id });
    ctx.recheckConnections();
    await record(req, caller, 'kiosk.link_renewed', kiosk.name);
    return ok({ item: kiosk, secret: token });
  });

  api.route('POST /api/admin/kiosks/:id/revoke', async ({ params: { id }, caller, req, ok, refuse }) => {
    if (!(await auth.revokeKiosk(id))) return refuse('invalid_input', NO_SUCH('wall display'));
    await auth.deleteSessionsOf({ kioskId: id });
    ctx.recheckConnections();
    await record(req, caller, 'kiosk.revoked', String(id));
    return ok({});
  });

  api.route('GET /api/admin/ingest-keys', async ({ ok }) => ok(await auth.listIngestKeys()));

  api.route('POST /api/admin/ingest-keys', async ({ body, caller, req, ok, refuse }) => {
    if (body.region !== null && !knownRegions().has(body.region)) return refuse('invalid_input', `Unknown region "${body.region}".`);
    const secret = newSecret();
    const key = await auth.createIngestKey({ source: body.source, region: body.region, keyHash: sha256(secret), createdAt: Date.now() });
    await record(req, caller, 'ingest_key.created', key.source, { region: key.region });
    return ok({ item: key, secret });
  });

  api.route('POST /api/admin/ingest-keys/:id/revoke', async ({ params: { id }, caller, req, ok, refuse }) => {
    if (!(await auth.revokeIngestKey(id))) return refuse('invalid_input', NO_SUCH('ingest key'));
    await record(req, caller, 'ingest_key.revoked', String(id));
    return ok({});
  });

  api.route('GET /api/admin/audit', async ({ query, caller, req, ok }) => {
    await record(req, caller, 'audit.viewed', 'audit', query);
    return ok((await auth.listAudit(query)).map(({ prevHash: _p, ...e }) => e));
  });

  api.route('GET /api/admin/audit/verify', async ({ ok }) => ok(verifyChain(await auth.allAudit())));

  api.route('GET /api/admin/security', async ({ query, ok }) => ok(await auth.listSecurity(query.limit)));
}
