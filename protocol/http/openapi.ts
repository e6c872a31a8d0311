import { ERROR_CODES, PROGRESS_MEDIA_TYPE, PROTOCOL_VERSION, ROLE_LABEL, SESSION_COOKIE, type ErrorCode } from '../constants.js';
import { REQUEST_COMPONENTS, RESPONSE_COMPONENTS } from './components.js';
import { COMPONENT_REF, SchemaSet, type JsonSchema } from './json-schemas.js';
import { ROUTE_TAGS, splitRouteKey, type Access, type RouteSpec } from './route.js';
import { HTTP_ROUTES } from './routes.js';
import { ERROR_STATUS } from './status.js';

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: Record<string, string[]>[];
  'x-access': Access;
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; description?: string; schema: JsonSchema }[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }>; 'x-error-codes'?: ErrorCode[] }>;
}

/** A type, not an interface, so it is a plain JSON record wherever one is expected. */
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};

const INTRO = [
  'Every answer under `/api` is `{ "ok": true, "data": … }` or `{ "ok": false, "error": { "code", "message" } }` (the `Refusal` schema), with the HTTP status the code implies.',
  'Unknown `/api` paths answer 404 `not_found`; malformed JSON 400 `invalid_input`; bodies are limited to 256 KB (413 `payload_too_large`).',
  'Every answer carries an `X-Request-Id` (the caller\'s, when it is a short plain token). Times are epoch milliseconds unless a field says otherwise; days are London calendar days.',
  'Feed integrators: see docs/feeds.md for a worked example.',
].join('\n\n');

const SECURITY_SCHEMES = {
  sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/login or POST /api/kiosk/session (HttpOnly, SameSite=Strict).' },
  ingestKey: { type: 'http', scheme: 'bearer', description: 'A feed key an administrator issued (POST /api/admin/ingest-keys), as `Authorization: Bearer <key>`.' },
  metricsToken: { type: 'http', scheme: 'bearer', description: 'The server\'s NEXUS_METRICS_TOKEN, as `Authorization: Bearer <token>`.' },
};

/**
 * The OpenAPI 3.1 document of every HTTP route, generated from the route table and the schemas
 * the server parses with, so it cannot drift from what the server does. Pure: the server builds
 * it once and serves it at GET /api/openapi.json.
 */
export function openApiDocument(routes: Record<string, RouteSpec> = HTTP_ROUTES): OpenApiDocument {
  const requests = new SchemaSet(REQUEST_COMPONENTS, 'input');
  const responses = new SchemaSet(RESPONSE_COMPONENTS, 'output');
  const entries = Object.entries(routes).map(([key, spec]) => {
    const name = operationId(key);
    const ids = {
      params: spec.params && requests.take(spec.params, `${name}Params`),
      query: spec.query && requests.take(spec.query, `${name}Query`),
      body: spec.body && requests.take(spec.body, `${name}Body`),
      response: responses.take(spec.response, `${name}Response`),
    };
    return { key, spec, name, ids };
  });
  requests.convert();
  responses.convert();

  const paths: OpenApiDocument['paths'] = {};
  for (const { key, spec, name, ids } of entries) {
    const { method, path } = splitRouteKey(key);
    const parameters = [...parametersOf(ids.params ? requests.use(ids.params) : undefined, 'path'), ...parametersOf(ids.query ? requests.use(ids.query) : undefined, 'query')];
    const operation: OpenApiOperation = {
      operationId: name,
      summary: spec.summary,
      description: [spec.description, `Who may call: ${whoMayCall(spec.access)}.`].filter(Boolean).join('\n\n'),
      tags: [spec.tag],
      security: securityOf(spec.access),
      'x-access': spec.access,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(ids.body ? { requestBody: { required: true, content: { 'application/json': { schema: requests.use(ids.body) } } } } : {}),
      responses: { ...answers(spec, responses.use(ids.response)), ...refusals(spec) },
    };
    (paths[path.replace(/:(\w+)/g, '{$1}')] ??= {})[method.toLowerCase()] = operation;
  }
  const schemas = { ...requests.components(), ...responses.components() };
  return {
    openapi: '3.1.0',
    info: { title: 'Nexus Live API', version: `protocol ${PROTOCOL_VERSION}`, description: INTRO },
    tags: Object.entries(ROUTE_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: { schemas, securitySchemes: SECURITY_SCHEMES },
  };
}

/** `GET /api/cases/:custodyRef/timeline` → `getCasesCustodyRefTimeline`. */
export function operationId(key: string): string {
  const { method, path } = splitRouteKey(key);
  const words = path.replace(/^\/api\//, '/').split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function parametersOf(schema: JsonSchema | undefined, where: 'path' | 'query'): NonNullable<OpenApiOperation['parameters']> {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...rest }]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof description === 'string' ? { description } : {}),
    schema: rest,
  }));
}

/** What a route with `progress` sends to a caller that accepts it: each line is one of these. */
const PROGRESS_STREAM: JsonSchema = {
  description: `Sent when asked with \`Accept: ${PROGRESS_MEDIA_TYPE}\`: one JSON object per line, progress lines while the work runs, then an answer line holding the envelope. The schema describes each line.`,
  oneOf: [{ $ref: `${COMPONENT_REF}ProgressLine` }, { $ref: `${COMPONENT_REF}AnswerLine` }],
};

function answers(spec: RouteSpec, schema: JsonSchema): OpenApiOperation['responses'] {
  const answer = spec.answer ?? { kind: 'envelope' };
  const body =
    answer.kind === 'envelope'
      ? { type: 'object', properties: { ok: { const: true }, data: schema }, required: ['ok', 'data'], additionalProperties: false }
      : schema;
  const content: Record<string, { schema: JsonSchema }> = { [answer.kind === 'text' ? answer.mediaType : 'application/json']: { schema: body } };
  if (spec.download) content[spec.download.mediaType] = { schema: { type: 'string', description: spec.download.description } };
  if (spec.progress) content[PROGRESS_MEDIA_TYPE] = { schema: PROGRESS_STREAM };
  const ok = { '200': { description: spec.summary, content } };
  if (answer.kind !== 'json' || !answer.alsoWith) return ok;
  return { ...ok, [answer.alsoWith.status]: { description: answer.alsoWith.description, content } };
}

/** The refusals a route may give, grouped by status, each status listing its codes. */
function refusals(spec: RouteSpec): OpenApiOperation['responses'] {
  const codes = new Set<ErrorCode>();
  if (spec.params || spec.query || spec.body) codes.add('invalid_input');
  if (spec.body) codes.add('payload_too_large');
  if (spec.access !== 'public') codes.add('unauthenticated');
  if (typeof spec.access !== 'string') codes.add('forbidden');
  for (const code of spec.refusals ?? []) codes.add(code);
  codes.add('internal');
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of ERROR_CODES.filter((c) => codes.has(c))) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: `Refused: ${list.join(', ')}.`, 'x-error-codes': list, content: { 'application/json': { schema: { $ref: `${COMPONENT_REF}Refusal` } } } },
    ]),
  );
}

function securityOf(access: Access): Record<string, string[]>[] {
  if (access === 'public') return [];
  if (access === 'ingest-key') return [{ ingestKey: [] }];
  if (access === 'metrics-token') return [{ metricsToken: [] }];
  return [{ sessionCookie: [] }];
}

/** The access rule in words, for the reference. */
export function whoMayCall(access: Access): string {
  if (access === 'public') return 'anyone';
  if (access === 'ingest-key') return 'a feed, with its ingest key';
  if (access === 'metrics-token') return 'a metrics scraper, with the metrics token';
  if (access === 'signed-in') return 'anyone signed in';
  return access.map((role) => ROLE_LABEL[role].toLowerCase()).join(', ');
}
