import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_ROUTES, splitRouteKey } from '../../protocol/index.js';
import type { OpenApiDocument } from '../../protocol/http/openapi.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let doc: OpenApiDocument;

/** `GET /api/forecast/:suiteId` as the document writes it: `GET /api/forecast/{suiteId}`. */
const documented = (key: string) => key.replace(/:(\w+)/g, '{$1}');
const TABLE = Object.keys(HTTP_ROUTES).map(documented).sort();

beforeAll(async () => {
  // With a metrics token, so that /metrics exists and must be described too.
  server = await startTestServer({ env: { NEXUS_METRICS_TOKEN: 'a-test-metrics-token-0123' } });
  const res = await fetch(`${server.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  doc = (await res.json()) as OpenApiDocument;
});
afterAll(() => server.stop());

/** Every route the running Express app would answer, as `METHOD /path`, read from its router (router 2's layers). */
function servedRoutes(): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; rawPath?: string };
  const app = server.app.web as unknown as { router: { stack: Layer[] } };
  const walk = (stack: Layer[], prefix: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path}`);
      if (layer.handle?.stack) return walk(layer.handle.stack, prefix + (layer.rawPath === '/' || layer.rawPath === undefined ? '' : layer.rawPath));
      return [];
    });
  return walk(app.router.stack, '').map(documented).sort();
}

describe('the OpenAPI document at GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every route in the table, and nothing else', () => {
    const described = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(described.sort()).toEqual(TABLE);
  });

  it('describes every route the server answers, and the server answers every route it describes', () => {
    const served = servedRoutes();
    expect(served).toContain('GET /api/cases/{custodyRef}/timeline'); // the walk sees into the mounted routers
    expect(served).toEqual(TABLE);
  });

  it('refers only to schemas it defines, and says how each route is signed', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(50);
    for (const name of new Set(refs)) expect(doc.components.schemas, name).toHaveProperty([name]);
    for (const [key, spec] of Object.entries(HTTP_ROUTES)) {
      const { method, path } = splitRouteKey(key);
      const op = doc.paths[documented(path)]![method.toLowerCase()]!;
      const scheme = { public: null, 'ingest-key': 'ingestKey', 'metrics-token': 'metricsToken', 'signed-in': 'sessionCookie' }[typeof spec.access === 'string' ? spec.access : 'signed-in'];
      expect(op.security, key).toEqual(scheme === null ? [] : [{ [scheme]: [] }]);
    }
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'nexus_session' });
    expect(doc.components.securitySchemes.ingestKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists each refusal of the feed route under its status, in the error envelope', () => {
    const ingest = doc.paths['/api/ingest']!.post!;
    expect(ingest.responses['409']?.['x-error-codes']).toEqual(['duplicate_id']);
    expect(ingest.responses['422']?.['x-error-codes']).toContain('unknown_case');
    expect(ingest.responses['401']?.['x-error-codes']).toEqual(['unauthenticated']);
    expect(ingest.responses['400']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Refusal' });
    expect(doc.components.schemas.Refusal).toMatchObject({ required: ['ok', 'error'] });
  });
});

describe('the API reference page at GET /api/docs', () => {
  it('is HTML with no script, under the strict Content-Security-Policy, and names every path', async () => {
    const res = await fetch(`${server.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
    for (const key of TABLE) {
      const { method, path } = splitRouteKey(key);
      expect(html, key).toContain(`<code>${method} ${path}</code>`);
    }
    for (const name of Object.keys(doc.components.schemas)) expect(html).toContain(`id="schema-${name}"`);
  });
});
