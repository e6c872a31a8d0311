import type { Ack, ApiRouteKey, ApiRoutes, CallInput, ProgressLine, ResponseOf } from '../../protocol/index.js';
import { PROGRESS_MEDIA_TYPE } from '../../protocol/constants.js';
import { readProgressStream } from './progress-reader.js';
import { splitRouteKey } from '../../protocol/http/route.js';

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

/** The routes a browser calls: those that answer in the envelope to a signed-in person (not feeds' ingest). */
export type ClientRouteKey = {
  [K in ApiRouteKey]: ApiRoutes[K] extends { answer: object } ? never : ApiRoutes[K]['access'] extends 'ingest-key' ? never : K;
}[ApiRouteKey];

/** A route's path parameters, query and body, as its table entry types them, and an abort signal. */
export type CallOptions<K extends ApiRouteKey> = CallInput<ApiRoutes[K]> & { signal?: AbortSignal | undefined };

/** Options may be left out when the route needs none. */
type OptionsArg<K extends ApiRouteKey> = {} extends CallOptions<K> ? [options?: CallOptions<K>] : [options: CallOptions<K>];

/**
 * A call to this server's JSON API by its key in the route table (protocol/http), typed by the
 * same entry the server parses with: a renamed field or a wrong parameter fails the build here as
 * it would there. The table itself is not loaded in the browser (it holds zod schemas); the key
 * carries the method and path. The session cookie goes with it (same origin, HttpOnly: no token
 * is ever in script). Every answer is `{ ok, data }` or `{ ok: false, error }`; a network failure
 * or a page that is not JSON becomes the same error shape, so a view has one thing to show. A 401
 * other than a wrong password means the session is over, wherever it was noticed.
 */
export async function call<K extends ClientRouteKey>(key: K, ...[options]: OptionsArg<K>): Promise<Ack<ResponseOf<ApiRoutes[K]>>> {
  return request(key, options as CallOptions<K> | undefined, null);
}

/** Routes whose table entry has `progress`: long work that can report how far it has got. */
export type ProgressRouteKey = { [K in ClientRouteKey]: ApiRoutes[K] extends { progress: object } ? K : never }[ClientRouteKey];

/** `call`, for long work: `onProgress` hears how far it has got while the answer is on its way. */
export async function callWithProgress<K extends ProgressRouteKey>(
  key: K,
  options: CallOptions<K>,
  onProgress: (line: ProgressLine) => void,
): Promise<Ack<ResponseOf<ApiRoutes[K]>>> {
  return request(key, options, onProgress);
}

async function request<K extends ClientRouteKey>(
  key: K,
  options: CallOptions<K> | undefined,
  onProgress: ((line: ProgressLine) => void) | null,
): Promise<Ack<ResponseOf<ApiRoutes[K]>>> {
  const { method } = splitRouteKey(key);
  const body = (options as { body?: unknown } | undefined)?.body;
  const accept = onProgress ? `${PROGRESS_MEDIA_TYPE}, application/json;q=0.9` : 'application/json';
  let res: Response;
  let answer: Ack<ResponseOf<ApiRoutes[K]>>;
  try {
    res = await fetch(routeUrl(key, options), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept } : { accept, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: options?.signal ?? null,
    });
    // Refused before the work began (signed out, a bad date), the answer is plain JSON.
    const streamed = onProgress && res.body && res.headers.get('content-type')?.startsWith(PROGRESS_MEDIA_TYPE);
    answer = streamed
      ? ((await readProgressStream<ResponseOf<ApiRoutes[K]>>(res.body!, onProgress)) ?? failed('The answer was cut short. Try again.'))
      : await readAck<ResponseOf<ApiRoutes[K]>>(res);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    return failed('Could not reach the server. Try again in a moment.');
  }
  if (res.status === 401 && (answer.ok || answer.error.code !== 'invalid_credentials')) {
    for (const listener of signedOutListeners) listener();
  }
  return answer;
}

/**
 * The address of a route with its path parameters (URL-encoded: a custody reference holds a "/")
 * and the query parameters that are set; empty ones are left out. Also for plain links, such as
 * a CSV download the browser fetches itself.
 */
export function routeUrl<K extends ApiRouteKey>(key: K, options?: Omit<CallOptions<K>, 'body' | 'signal'>): string {
  const { params = {}, query: values = {} } = (options ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown> };
  const path = splitRouteKey(key).path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(Object.hasOwn(params, name) ? params[name] : '')));
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') query.set(k, String(v));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A form's values as a query: a field left empty ('') is a parameter not sent. */
export function blanksUnset<T extends object>(form: T): { [K in keyof T]: Exclude<T[K], ''> | undefined } {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v === '' ? undefined : v])) as { [K in keyof T]: Exclude<T[K], ''> | undefined };
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
