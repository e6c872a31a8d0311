import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiRoutes } from '../../protocol/index.js';
import { call, routeUrl } from '../../client/lib/http.js';
import type { Handler } from '../../server/transport/guarded-router.js';

/**
 * How the route table binds both sides. The `@ts-expect-error` lines are the tests of the build:
 * each must be an error for `tsc --noEmit` to pass, so a table change that made them compile
 * (a check lost) fails the type check, as a renamed field fails it in real code.
 */
describe('the typed call from the table', () => {
  const sent: { url: string; method: string; body: unknown }[] = [];
  afterEach(() => {
    vi.unstubAllGlobals();
    sent.length = 0;
  });
  const answer = (body: unknown, status = 200) =>
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      sent.push({ url, method: String(init.method), body: init.body === null ? null : JSON.parse(String(init.body)) });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    });

  it('builds the path, the query and the body from the key and the typed input', async () => {
    answer({ ok: true, data: [] });
    const timeline = await call('GET /api/cases/:custodyRef/timeline', { params: { custodyRef: 'MP/0001/26' } });
    answer({ ok: true, data: { item: { id: 3 }, secret: null } });
    await call('PATCH /api/admin/users/:id', { params: { id: 3 }, body: { disabled: true } });
    await call('GET /api/non-attendances', { query: { from: '2026-11-01', region: undefined, reason: 'travel_time' } });
    await call('POST /api/logout');
    expect(timeline).toEqual({ ok: true, data: [] });
    expect(sent).toEqual([
      { url: '/api/cases/MP%2F0001%2F26/timeline', method: 'GET', body: null },
      { url: '/api/admin/users/3', method: 'PATCH', body: { disabled: true } },
      { url: '/api/non-attendances?from=2026-11-01&reason=travel_time', method: 'GET', body: null },
      { url: '/api/logout', method: 'POST', body: null },
    ]);
    expect(routeUrl('GET /api/reports/pack', { query: { from: '2026-11-01', to: '', format: 'csv' } })).toBe('/api/reports/pack?from=2026-11-01&format=csv');
  });

  it('refuses at build time what the table does not describe', () => {
    answer({ ok: true, data: {} });
    // @ts-expect-error the parameter is `suiteId`, not `suite`
    void call('GET /api/forecast/:suiteId', { params: { suite: 'met-brixton' } });
    // @ts-expect-error a route with a path parameter cannot be called without it
    void call('GET /api/cases/:custodyRef/timeline');
    // @ts-expect-error `groupBy` is `suite` or `region`
    void call('GET /api/coverage', { query: { groupBy: 'force' } });
    // @ts-expect-error the body's field is `username`, not `user`
    void call('POST /api/login', { body: { user: 'a', password: 'b' } });
    // @ts-expect-error not a route of the table
    void call('GET /api/nothing');
    // @ts-expect-error feeds' ingest is not called from a browser
    void call('POST /api/ingest', { body: { source: 'x', events: [] } });
    expect(sent.length).toBe(6);
  });

  it('types what comes back by the route', async () => {
    answer({ ok: true, data: { seq: 4, protocolVersion: 2 } });
    const reply = await call('GET /api/health');
    if (!reply.ok) throw new Error(reply.error.message);
    // @ts-expect-error the answer has `seq`, not `sequence`
    expect(reply.data.sequence).toBeUndefined();
    expect(reply.data.seq).toBe(4);
  });
});

describe('the typed handler from the table', () => {
  it("accepts only the route's response", () => {
    const good: Handler<ApiRoutes['GET /api/health']> = ({ ok }) => ok({ seq: 1, protocolVersion: 2 });
    // @ts-expect-error a field the response schema does not have
    const renamed: Handler<ApiRoutes['GET /api/health']> = ({ ok }) => ok({ sequence: 1, protocolVersion: 2 });
    // @ts-expect-error the coverage report's rows carry `figures`, not numbers
    const wrong: Handler<ApiRoutes['GET /api/coverage']> = ({ ok }) => ok({ from: '', to: '', groupBy: 'suite', rows: [{ key: 'x', figures: 1 }], total: null });
    // Typed input: a query field the route does not have is an error too.
    const input: Handler<ApiRoutes['GET /api/replay']> = ({ query, ok, refuse }) =>
      // @ts-expect-error `at` is the replay's only query field
      query.when === undefined ? refuse('invalid_input', 'no') : ok(null as never);
    expect([good, renamed, wrong, input].every((h) => typeof h === 'function')).toBe(true);
  });
});
