import type { Request } from 'express';
import type { EdgeContext } from '../security/context.js';
import { clearSessionCookie, clientIp, secureCookie, sessionToken, setSessionCookie } from '../security/http.js';
import type { GuardedRouter } from './guarded-router.js';

const KIOSK_COOKIE_MS = 365 * 24 * 3_600_000;

/** Sign-in and sign-out for people, and enrolment sign-in for wall displays. */
export function authRoutes(api: GuardedRouter, ctx: EdgeContext): void {
  const { sessions, audit, config } = ctx;
  const secure = (req: Request) => secureCookie(req, config.security.cookieSecure);

  api.route('POST /api/login', async ({ body, req, res, ok, refuse }) => {
    const ip = clientIp(req);
    const result = await sessions.signIn(body.username, body.password, ip);
    if (!result.ok) {
      const why = result.reason === 'rate_limited' ? { limit: result.why } : {};
      await audit.security(result.reason === 'rate_limited' ? 'login_rate_limited' : 'login_failed', ip, { username: body.username, ...why });
      return result.reason === 'rate_limited'
        ? refuse('rate_limited', 'Too many attempts; try again in a few minutes.')
        : refuse('invalid_credentials', 'Those details are not right.');
    }
    await audit.record(result.principal, 'sign_in', null, {}, ip);
    setSessionCookie(res, result.token, secure(req), config.security.absoluteMs);
    return ok(sessions.me(result.principal));
  });

  api.route('POST /api/kiosk/session', async ({ body, req, res, ok, refuse }) => {
    const ip = clientIp(req);
    const result = await sessions.signInKiosk(body.token);
    if (!result) {
      await audit.security('kiosk_rejected', ip, {});
      return refuse('invalid_credentials', 'This wall display is not enrolled, or was revoked.');
    }
    await audit.record(result.principal, 'sign_in', null, { kiosk: true }, ip);
    setSessionCookie(res, result.token, secure(req), KIOSK_COOKIE_MS);
    return ok(sessions.me(result.principal));
  });

  // Every page starts by asking who is signed in: "nobody" is an answer (null), not a refusal.
  api.route('GET /api/me', ({ caller, ok }) => ok(caller ? sessions.me(caller) : null));

  api.route('POST /api/logout', async ({ caller, req, res, ok }) => {
    const token = sessionToken(req.headers.cookie);
    if (token) await sessions.signOut(token);
    await audit.record(caller, 'sign_out', null, {}, clientIp(req));
    ctx.recheckConnections();
    clearSessionCookie(res, secure(req));
    return ok({});
  });

  api.route('POST /api/logout-everywhere', async ({ caller, req, res, ok }) => {
    await sessions.signOutEverywhere(caller);
    await audit.record(caller, 'sign_out_everywhere', null, {}, clientIp(req));
    ctx.recheckConnections();
    clearSessionCookie(res, secure(req));
    return ok({});
  });
}
