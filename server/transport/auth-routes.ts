import { KioskSignIn, Login, type MeAnswer } from '../../protocol/index.js';
import type { EdgeContext } from '../security/context.js';
import type { Request } from 'express';
import { clearSessionCookie, clientIp, principalOf, secureCookie, sessionToken, setSessionCookie } from '../security/http.js';
import type { GuardedRouter } from './guarded-router.js';
import { ok, send } from './send.js';
import { invalid } from './validate.js';

const KIOSK_COOKIE_MS = 365 * 24 * 3_600_000;

/** Sign-in and sign-out for people, and enrolment sign-in for wall displays. */
export function authRoutes(api: GuardedRouter, ctx: EdgeContext): void {
  const { sessions, audit, config } = ctx;
  const secure = (req: Request) => secureCookie(req, config.security.cookieSecure);

  api.route('post', '/login', async (req, res) => {
    const ip = clientIp(req);
    const login = Login.safeParse(req.body);
    if (!login.success) return send(res, invalid(login.error));
    const result = await sessions.signIn(login.data.username, login.data.password, ip);
    if (!result.ok) {
      await audit.security(result.reason === 'rate_limited' ? 'login_rate_limited' : 'login_failed', ip, { username: login.data.username });
      return result.reason === 'rate_limited'
        ? send(res, { ok: false, error: { code: 'rate_limited', message: 'Too many attempts; try again in a few minutes.' } })
        : send(res, { ok: false, error: { code: 'invalid_credentials', message: 'Those details are not right.' } });
    }
    await audit.record(result.principal, 'sign_in', null, {}, ip);
    setSessionCookie(res, result.token, secure(req), config.security.absoluteMs);
    ok(res, sessions.me(result.principal));
  });

  api.route('post', '/kiosk/session', async (req, res) => {
    const ip = clientIp(req);
    const body = KioskSignIn.safeParse(req.body);
    const result = body.success ? await sessions.signInKiosk(body.data.token) : null;
    if (!result) {
      await audit.security('kiosk_rejected', ip, {});
      return send(res, { ok: false, error: { code: 'invalid_credentials', message: 'This wall display is not enrolled, or was revoked.' } });
    }
    await audit.record(result.principal, 'sign_in', null, { kiosk: true }, ip);
    setSessionCookie(res, result.token, secure(req), KIOSK_COOKIE_MS);
    ok(res, sessions.me(result.principal));
  });

  api.route('get', '/me', (_req, res) => {
    const principal = principalOf(res);
    ok<MeAnswer>(res, principal ? sessions.me(principal) : null);
  });

  api.route('post', '/logout', async (req, res) => {
    const token = sessionToken(req.headers.cookie);
    if (token) await sessions.signOut(token);
    await audit.record(principalOf(res), 'sign_out', null, {}, clientIp(req));
    ctx.recheckConnections();
    clearSessionCookie(res, secure(req));
    ok(res, {});
  });

  api.route('post', '/logout-everywhere', async (req, res) => {
    const p = principalOf(res)!;
    await sessions.signOutEverywhere(p);
    await audit.record(p, 'sign_out_everywhere', null, {}, clientIp(req));
    ctx.recheckConnections();
    clearSessionCookie(res, secure(req));
    ok(res, {});
  });
}
