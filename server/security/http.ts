import { parse as parseCookies, serialize } from 'cookie';
import type { Request, Response } from 'express';
import { SESSION_COOKIE } from '../../protocol/index.js';
import type { Principal } from './principal.js';

export { SESSION_COOKIE };

/** The session token from a request's cookies (HTTP or the Socket.IO handshake). */
export function sessionToken(cookieHeader: string | undefined): string | undefined {
  return cookieHeader ? parseCookies(cookieHeader)[SESSION_COOKIE] : undefined;
}

/** HttpOnly so scripts cannot read it; SameSite=Strict so other sites cannot ride it; Secure behind TLS. */
export function setSessionCookie(res: Response, token: string, secure: boolean, maxAgeMs: number): void {
  res.setHeader(
    'Set-Cookie',
    serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: Math.floor(maxAgeMs / 1000) }),
  );
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.setHeader('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 }));
}

/** The principal attached by the session middleware (undefined when signed out). */
export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | undefined) ?? null;
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Secure cookies behind TLS: always, never (local HTTP), or when this request came over HTTPS. */
export function secureCookie(req: Request, mode: 'auto' | 'on' | 'off'): boolean {
  return mode === 'on' || (mode === 'auto' && req.secure);
}
