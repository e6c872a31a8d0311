import type { Request, Response } from 'express';
import { z } from 'zod';
import { CreateIngestKey, CreateKiosk, CreateUser, UpdateUser, type UserView, type WithSecret } from '../../protocol/index.js';
import type { UserRecord } from '../../db/auth-store.js';
import { verifyChain } from '../../db/audit-chain.js';
import type { EdgeContext } from '../security/context.js';
import { accountScopeProblem } from '../security/account-scope.js';
import { callSignLinkProblem } from '../security/call-sign-link.js';
import { clientIp, principalOf } from '../security/http.js';
import { generatedPassword, hashPassword, newSecret, sha256 } from '../security/secrets.js';
import type { GuardedRouter } from './guarded-router.js';
import { ok, send } from './send.js';
import { invalid } from './validate.js';

const Id = z.coerce.number().int().min(1);
const AuditQuery = z.object({
  actor: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  from: z.string().max(30).optional(),
  to: z.string().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const userView = ({ passwordHash: _p, version: _v, ...u }: UserRecord): UserView => u;
const notFound = (what: string) => ({ ok: false as const, error: { code: 'invalid_input' as const, message: `No such ${what}.` } });
const refused = (message: string) => ({ ok: false as const, error: { code: 'invalid_input' as const, message } });

/** Users, wall displays, ingest keys and the logs: an admin's work, every change audited. */
export function adminRoutes(api: GuardedRouter, ctx: EdgeContext): void {
  const { auth, audit } = ctx;
  const kioskLinkMs = ctx.config.security.kioskLinkMs;
  // Regions are the forces the reference data knows; anything else is a typo or a force not on the system.
  const knownRegions = () => new Set([...ctx.engine.state.suites.values()].map((s) => s.region));
  const linkProblem = (role: UserRecord['role'], regions: string[], callSign: string | null, userId: number | null) =>
    callSignLinkProblem(auth, ctx.engine.state.officers.values(), { role, regions, callSign, userId });
  const record = (req: Request, res: Response, action: string, subject: string, detail: Record<string, unknown> = {}) =>
    audit.record(principalOf(res), action, subject, detail, clientIp(req));

  api.route('get', '/admin/users', async (_req, res) => ok(res, (await auth.listUsers()).map(userView)));

  api.route('post', '/admin/users', async (req, res) => {
    const body = CreateUser.safeParse(req.body);
    if (!body.success) return send(res, invalid(body.error));
    if (await auth.findUserByName(body.data.username)) return send(res, { ok: false, error: { code: 'invalid_input', message: 'That username is taken.' } });
    const problem =
      accountScopeProblem(body.data.role, body.data.regions, body.data.national, knownRegions()) ??
      (await linkProblem(body.data.role, body.data.regions, body.data.callSign, null));
    if (problem) return send(res, refused(problem));
    const secret = body.data.password ? null : generatedPassword();
    const user = await auth.createUser({
      username: body.data.username,
      passwordHash: await hashPassword(body.data.password ?? secret!),
      role: body.data.role,
      regions: body.data.regions,
      callSign: body.data.callSign,
      createdAt: Date.now(),
    });
    await record(req, res, 'user.created', user.username, { role: user.role, regions: user.regions, callSign: user.callSign });
    if (user.callSign) await record(req, res, 'user.call_sign_linked', user.username, { callSign: user.callSign, previous: null });
    ok(res, { item: userView(user), secret } satisfies WithSecret<UserView>);
  });

  api.route('patch', '/admin/users/:id', async (req, res) => {
    const id = Id.safeParse(req.params.id);
    const body = UpdateUser.safeParse(req.body);
    if (!id.success) return send(res, invalid(id.error));
    if (!body.success) return send(res, invalid(body.error));
    const { resetPassword, national, ...change } = body.data;
    const me = principalOf(res)!;
    const current = await auth.findUser(id.data);
    if (!current) return send(res, notFound('user'));
    // The scope after the change must be valid as a whole: a new role may need regions, or none.
    const regions = national ? [] : (change.regions ?? current.regions);
    const role = change.role ?? current.role;
    // Another role drops the call sign; an officer keeps theirs unless it is changed.
    const callSign = change.callSign !== undefined ? change.callSign : role === 'officer' ? current.callSign : null;
    const rescoped = change.role !== undefined || change.regions !== undefined || change.callSign !== undefined || national !== undefined;
    const problem =
      accountScopeProblem(role, regions, national ?? (change.regions === undefined && current.regions.length === 0), knownRegions()) ??
      (rescoped ? await linkProblem(role, regions, callSign, current.id) : null);
    if (problem) return send(res, refused(problem));
    if (callSign !== current.callSign) change.callSign = callSign;
    if (national) change.regions = [];
    if (me.kind === 'user' && me.id === id.data && (change.disabled === true || (change.role && change.role !== 'admin')))
      return send(res, { ok: false, error: { code: 'forbidden', message: 'You cannot disable or demote yourself; ask another admin.' } });
    const secret = resetPassword ? generatedPassword() : null;
    const user = await auth.updateUser(id.data, { ...change, ...(secret ? { passwordHash: await hashPassword(secret) } : {}) });
    if (!user) return send(res, notFound('user'));
    if (secret) await ctx.sessions.limits.reset(user.username);
    // A changed user starts again: sessions end, open screens are cut within seconds.
    await auth.deleteSessionsOf({ userId: user.id });
    ctx.recheckConnections();
    await record(req, res, 'user.changed', user.username, { ...change, passwordReset: Boolean(secret) });
    // Whose status and checks this person acts for: its own entry, so the link is easy to find.
    if (user.callSign !== current.callSign) await record(req, res, 'user.call_sign_linked', user.username, { callSign: user.callSign, previous: current.callSign });
    ok(res, { item: userView(user), secret } satisfies WithSecret<UserView>);
  });

  api.route('get', '/admin/kiosks', async (_req, res) => ok(res, await auth.listKiosks()));

  api.route('post', '/admin/kiosks', async (req, res) => {
    const body = CreateKiosk.safeParse(req.body);
    if (!body.success) return send(res, invalid(body.error));
    const problem = accountScopeProblem('wall', body.data.regions, body.data.national, knownRegions());
    if (problem) return send(res, refused(problem));
    const token = newSecret();
    const now = Date.now();
    const kiosk = await auth.createKiosk({ name: body.data.name, regions: body.data.regions, tokenHash: sha256(token), createdAt: now, enrolExpiresAt: now + kioskLinkMs });
    await record(req, res, 'kiosk.enrolled', kiosk.name, { regions: kiosk.regions });
    ok(res, { item: kiosk, secret: token });
  });

  // A replaced or re-imaged display: a new one-time link; the old link and the old device's sessions end.
  api.route('post', '/admin/kiosks/:id/enrolment', async (req, res) => {
    const id = Id.safeParse(req.params.id);
    if (!id.success) return send(res, invalid(id.error));
    const token = newSecret();
    const kiosk = await auth.renewKioskEnrolment(id.data, sha256(token), Date.now() + kioskLinkMs);
    if (!kiosk) return send(res, notFound('wall display (or it was revoked)'));
    await auth.deleteSessionsOf({ kioskId: kiosk.id });
    ctx.recheckConnections();
    await record(req, res, 'kiosk.link_renewed', kiosk.name);
    ok(res, { item: kiosk, secret: token });
  });

  api.route('post', '/admin/kiosks/:id/revoke', async (req, res) => {
    const id = Id.safeParse(req.params.id);
    if (!id.success) return send(res, invalid(id.error));
    if (!(await auth.revokeKiosk(id.data))) return send(res, notFound('wall display'));
    await auth.deleteSessionsOf({ kioskId: id.data });
    ctx.recheckConnections();
    await record(req, res, 'kiosk.revoked', String(id.data));
    ok(res, {});
  });

  api.route('get', '/admin/ingest-keys', async (_req, res) => ok(res, await auth.listIngestKeys()));

  api.route('post', '/admin/ingest-keys', async (req, res) => {
    const body = CreateIngestKey.safeParse(req.body);
    if (!body.success) return send(res, invalid(body.error));
    if (body.data.region !== null && !knownRegions().has(body.data.region)) return send(res, refused(`Unknown region "${body.data.region}".`));
    const secret = newSecret();
    const key = await auth.createIngestKey({ source: body.data.source, region: body.data.region, keyHash: sha256(secret), createdAt: Date.now() });
    await record(req, res, 'ingest_key.created', key.source, { region: key.region });
    ok(res, { item: key, secret });
  });

  api.route('post', '/admin/ingest-keys/:id/revoke', async (req, res) => {
    const id = Id.safeParse(req.params.id);
    if (!id.success) return send(res, invalid(id.error));
    if (!(await auth.revokeIngestKey(id.data))) return send(res, notFound('ingest key'));
    await record(req, res, 'ingest_key.revoked', String(id.data));
    ok(res, {});
  });

  api.route('get', '/admin/audit', async (req, res) => {
    const query = AuditQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    await record(req, res, 'audit.viewed', 'audit', query.data);
    ok(res, (await auth.listAudit(query.data)).map(({ prevHash: _p, ...e }) => e));
  });

  api.route('get', '/admin/audit/verify', async (_req, res) => ok(res, verifyChain(await auth.allAudit())));

  api.route('get', '/admin/security', async (req, res) => {
    const limit = z.coerce.number().int().min(1).max(1000).default(200).safeParse(req.query.limit);
    ok(res, await auth.listSecurity(limit.success ? limit.data : 200));
  });
}
