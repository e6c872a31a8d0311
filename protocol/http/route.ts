import type { z } from 'zod';
import type { ErrorCode, PrincipalRole } from '../constants.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

/**
 * Who may call a route: nobody unless its entry says so (deny by default). People sign in and
 * carry a session cookie; feeds present an ingest key, Prometheus the metrics token.
 */
export type Access = 'public' | 'ingest-key' | 'metrics-token' | 'signed-in' | readonly PrincipalRole[];

/**
 * How a route answers. Most answer in the protocol's envelope, `{ ok: true, data }` or
 * `{ ok: false, error }`; the probes and the OpenAPI document answer their JSON as it is, because
 * the tools that read them expect that; the reference page and the metrics are text.
 */
export type Answer =
  | { kind: 'envelope' }
  | { kind: 'json'; alsoWith?: { status: number; description: string } }
  | { kind: 'text'; mediaType: string };

/** Route groups, in the order the API reference lists them. */
export const ROUTE_TAGS = {
  'Sign-in': 'Sessions for people and wall displays (an HttpOnly cookie).',
  Live: 'The live picture, cut to what the caller may see.',
  Reports: 'Figures over days, from the same tallies as the live screens.',
  Feeds: 'Facts from custody, rostering, location and casework systems.',
  Admin: 'Users, wall displays, feed keys and the logs.',
  Operations: "Probes, metrics and this API's own description.",
} as const;
export type RouteTag = keyof typeof ROUTE_TAGS;

/**
 * One HTTP route: everything the server, the client and the API description need to agree on.
 * `params`, `query` and `body` are parsed by the server before its handler runs; `response` is
 * the `data` of an ok answer (the whole body for `json` and `text` answers).
 */
export interface RouteSpec {
  summary: string;
  description?: string;
  tag: RouteTag;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** The envelope unless said otherwise. */
  answer?: Answer;
  /**
   * Long work: asked with `Accept: application/x-ndjson`, the route streams its progress, then
   * its answer (protocol/http/progress.ts); asked otherwise, it answers as any other route.
   */
  progress?: { unit: string };
  /** A file the route gives instead of JSON when asked (e.g. `format=csv`). */
  download?: { mediaType: string; description: string };
  /**
   * Refusals this route's own rules give, beyond those every route may give (invalid input,
   * not signed in, role refused, internal): the API reference lists each with its status.
   */
  refusals?: readonly ErrorCode[];
}

/** Keeps an entry's literal types (its access list, its schemas) for the types derived below. */
export const route = <const S extends RouteSpec>(spec: S): S => spec;

type Part<S, K extends 'params' | 'query' | 'body', IO extends 'input' | 'output'> = S extends { [P in K]: infer T extends z.ZodType }
  ? IO extends 'input'
    ? z.input<T>
    : z.output<T>
  : undefined;

/** What a handler receives, parsed: path parameters, query and body (undefined where a route has none). */
export interface RouteInput<S extends RouteSpec> {
  params: Part<S, 'params', 'output'>;
  query: Part<S, 'query', 'output'>;
  body: Part<S, 'body', 'output'>;
}

/** What a route answers when all is well (the `data` of its envelope). */
export type ResponseOf<S extends RouteSpec> = z.output<S['response']>;

type Given<S, K extends 'params' | 'query' | 'body'> =
  Part<S, K, 'input'> extends undefined ? unknown : {} extends Part<S, K, 'input'> ? { [P in K]?: Part<S, K, 'input'> } : { [P in K]: Part<S, K, 'input'> };

/**
 * What a caller sends: each part the route has, as its schema accepts it (defaults may be left
 * out); a part whose every field is optional may be left out itself.
 */
export type CallInput<S extends RouteSpec> = Given<S, 'params'> & Given<S, 'query'> & Given<S, 'body'>;

/** The method and path a route key names: `GET /api/cases/:custodyRef/timeline`. */
export function splitRouteKey(key: string): { method: HttpMethod; path: string } {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space) as HttpMethod, path: key.slice(space + 1) };
}
