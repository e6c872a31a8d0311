import type { Me } from '../../protocol/index.js';
import { call, onSignedOut, TOO_MANY } from './http.js';

export type SessionStatus = 'checking' | 'signed-out' | 'signed-in';

export const SESSION_ENDED = 'Your session has ended. Sign in again.';
const KIOSK_REFUSED = 'This wall display link is not valid, or it has been revoked. Ask an administrator for a new one.';
/** The call sign this browser used to send before sign-in existed: no longer used or kept. */
const KIOSK_RETRY_MS = 10_000;
const OLD_OPERATOR_KEY = 'nexus-live.operator';
/** How often a page opened while the server is down asks again who is signed in. */
const SERVER_RETRY_MS = 5_000;

/**
 * Who is signed in on this browser, if anyone. The session itself is an HttpOnly cookie the
 * script never sees; this holds only what GET /api/me says about it. Whatever notices that the
 * session is over (a 401 from any request, the socket being refused) calls `end`, and the screen
 * goes back to the sign-in page with everything it showed thrown away.
 */
export class Session {
  #status = $state<SessionStatus>('checking');
  #me = $state.raw<Me | null>(null);
  /** Why the sign-in page is showing, e.g. "Your session has ended". */
  #notice = $state<string | null>(null);

  constructor() {
    onSignedOut(() => this.end());
    try {
      localStorage.removeItem(OLD_OPERATOR_KEY);
    } catch {
      // storage disabled: nothing was kept
    }
  }

  get status(): SessionStatus {
    return this.#status;
  }
  get me(): Me | null {
    return this.#me;
  }
  get notice(): string | null {
    return this.#notice;
  }

  /**
   * On start: a wall display's enrolment link signs it in; otherwise asks who we are. The token
   * leaves the address bar at once, so it is not left on screen or in the history.
   */
  async start(): Promise<void> {
    const token = kioskToken(location.hash);
    if (token !== null) {
      history.replaceState(null, '', `${location.pathname}${location.search}${wallHashAfterEnrolment(location.hash)}`);
      return this.#enrol(token);
    }
    for (;;) {
      // Signed out is an answer (null), not a refusal: the sign-in page starts without a 401.
      const reply = await call('GET /api/me');
      if (reply.ok) return reply.data ? this.#signedIn(reply.data) : this.#signedOut(null);
      if (reply.error.code !== 'internal') return this.#signedOut(reply.error.code === 'unauthenticated' ? null : reply.error.message);
      // The server is not answering (a wall display switched on before it, a restart): keep
      // asking rather than show a sign-in form that could not work, and come up on its own.
      this.#notice = `${reply.error.message} Trying again…`;
      await new Promise((resolve) => setTimeout(resolve, SERVER_RETRY_MS));
    }
  }

  /** A wall display that starts before the server does keeps trying; a refusal is final. */
  async #enrol(token: string): Promise<void> {
    for (;;) {
      const reply = await call('POST /api/kiosk/session', { body: { token } });
      if (reply.ok) return this.#signedIn(reply.data);
      if (reply.error.code !== 'internal') return this.#signedOut(reply.error.code === 'rate_limited' ? TOO_MANY : KIOSK_REFUSED);
      await new Promise((resolve) => setTimeout(resolve, KIOSK_RETRY_MS));
    }
  }

  /** Returns the message to show when it did not work; null when signed in. */
  async signIn(username: string, password: string): Promise<string | null> {
    const reply = await call('POST /api/login', { body: { username: username.trim(), password } });
    if (reply.ok) {
      this.#signedIn(reply.data);
      return null;
    }
    switch (reply.error.code) {
      case 'invalid_credentials':
        return 'The username or password is not right.';
      case 'rate_limited':
        return TOO_MANY;
      default:
        return reply.error.message;
    }
  }

  /** This browser only, or every session of this person (`everywhere`). */
  async signOut(everywhere = false): Promise<void> {
    await call(everywhere ? 'POST /api/logout-everywhere' : 'POST /api/logout');
    this.#signedOut(everywhere ? 'You are signed out on every device.' : 'You are signed out.');
  }

  /** The server no longer accepts this session (expired, ended elsewhere, user changed). */
  end(): void {
    if (this.#status === 'signed-in') this.#signedOut(SESSION_ENDED);
  }

  #signedIn(me: Me): void {
    this.#me = me;
    this.#notice = null;
    this.#status = 'signed-in';
  }

  #signedOut(notice: string | null): void {
    this.#me = null;
    this.#notice = notice;
    this.#status = 'signed-out';
  }
}

/** The token in an enrolment link: `#/kiosk?token=…`; null for any other address. */
export function kioskToken(hash: string): string | null {
  const match = /^#\/kiosk\/?\?(.*)$/.exec(hash);
  if (!match) return null;
  const token = new URLSearchParams(match[1]).get('token');
  return token ? token : null;
}

/**
 * Where an enrolment link leads once its token is taken out: the wall, keeping any wall settings
 * given with it (`#/kiosk?token=…&rotate=60&regions=Kent` → `#/wall?rotate=60&regions=Kent`).
 */
export function wallHashAfterEnrolment(hash: string): string {
  const match = /^#\/kiosk\/?\?(.*)$/.exec(hash);
  const params = new URLSearchParams(match?.[1] ?? '');
  params.delete('token');
  const rest = params.toString();
  return rest ? `#/wall?${rest}` : '#/wall';
}
