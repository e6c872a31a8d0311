import type { Ack } from '../../protocol/index.js';

/** Told when the server says this browser is no longer signed in (HTTP 401 outside sign-in). */
type SignedOutListener = () => void;
const signedOutListeners = new Set<SignedOutListener>();

/**
 * Subscribes to "the session has ended", for the one place that shows the sign-in page. Any
 * read or command may be the first to find out, so every request reports here.
 */
export function onSignedOut(listener: SignedOutListener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/**
 * A call to this server's JSON API. The session cookie goes with it (same origin, HttpOnly: no
 * token is ever in script). Every answer is `{ ok, data }` or `{ ok: false, error }`; a network
 * failure or a page that is not JSON becomes the same error shape, so a view has one thing to
 * show. A 401 other than a wrong password means the session is over, wherever it was noticed.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<Ack<T>> {
  const { method = 'GET', body, signal } = options;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    return failed('Could not reach the server. Try again in a moment.');
  }
  const answer = await readAck<T>(res);
  if (res.status === 401 && (answer.ok || answer.error.code !== 'invalid_credentials')) {
    for (const listener of signedOutListeners) listener();
  }
  return answer;
}

async function readAck<T>(res: Response): Promise<Ack<T>> {
  let body: unknown;
  try {
    body = await res.json();
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    body = null;
  }
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const ack = body as Ack<T>;
    if (ack.ok || (typeof ack.error === 'object' && ack.error !== null)) return ack;
  }
  if (res.status === 401) return { ok: false, error: { code: 'unauthenticated', message: 'You are not signed in.' } };
  if (res.status === 403) return { ok: false, error: { code: 'forbidden', message: 'Your role may not do this.' } };
  if (res.status === 429) return { ok: false, error: { code: 'rate_limited', message: TOO_MANY } };
  return failed(`Unexpected answer from the server (HTTP ${res.status}).`);
}

export const TOO_MANY = 'Too many attempts, try again in a few minutes.';

export function failed<T>(message: string): Ack<T> {
  return { ok: false, error: { code: 'internal', message } };
}

/** A query string from the parameters that are set; empty ones are left out. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}
