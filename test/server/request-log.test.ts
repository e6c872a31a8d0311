import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.js';
import { keyFor } from '../support/auth.js';
import { item, postIngest, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

type Line = Record<string, unknown> & { event: string; level: string; reqId?: string };

/** A server whose logger writes into an array, as it would write lines to stdout. */
async function loggedServer(): Promise<{ server: TestServer; lines: Line[]; raw: string[] }> {
  const raw: string[] = [];
  const log = createLogger({ destination: { write: (line: string) => void raw.push(line) } });
  server = await startTestServer({ log });
  return {
    server,
    raw,
    get lines() {
      return raw.map((l) => JSON.parse(l) as Line);
    },
  };
}

/** The request line is written when the answer has gone: wait for it. */
async function lineFor(logged: { lines: Line[] }, reqId: string): Promise<Line> {
  for (let i = 0; i < 100; i++) {
    const line = logged.lines.find((l) => l.event === 'http.request' && l.reqId === reqId);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no request line for ${reqId}`);
}

describe('the request log', () => {
  it('echoes an incoming X-Request-Id and puts it on every line written for that request', async () => {
    const logged = await loggedServer();
    // A refused batch: the ingest route writes its own line (ingest.rejected) while handling it.
    const refused = { source: 'gps', events: [item('officers.moved', { positions: [{ officerId: 'MET-IO-77', lat: 51.5, lng: -0.1 }] })] };
    const res = await postIngest(logged.server.url, refused, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keyFor(logged.server.url, 'gps')}`, 'x-request-id': 'trace-42.a:b_c' },
    });
    expect(res.status).toBe(422);

    const request = await lineFor(logged, 'trace-42.a:b_c');
    expect(request).toMatchObject({ level: 'info', route: '/api/ingest', code: 'unknown_officer', res: { statusCode: 422 } });
    const handlerLine = logged.lines.find((l) => l.event === 'ingest.rejected');
    expect(handlerLine).toMatchObject({ reqId: 'trace-42.a:b_c', source: 'gps', code: 'unknown_officer' });
    // Each line is one JSON object with the id once.
    for (const line of logged.raw.filter((l) => l.includes('trace-42'))) expect(line.match(/"reqId"/g)).toHaveLength(1);
  });

  it('replaces an X-Request-Id that is not a short plain token, and always answers with the id it used', async () => {
    const logged = await loggedServer();
    const ids: string[] = [];
    for (const sent of [undefined, 'x'.repeat(65), 'has space', '{"json":1}', 'évènement']) {
      const res = await fetch(`${logged.server.url}/api/health`, { headers: sent ? { 'x-request-id': sent } : {} });
      const id = res.headers.get('x-request-id') ?? '';
      expect(id, String(sent)).toMatch(/^[0-9a-f-]{36}$/);
      ids.push(id);
      expect(await lineFor(logged, id)).toMatchObject({ route: '/api/health', res: { statusCode: 200 } });
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('redacts cookies and authorisation, and names the route pattern, never the custody reference in the path', async () => {
    const logged = await loggedServer();
    const s = logged.server;
    const sessionToken = s.cookies.duty_manager.split('=')[1]!;
    const timeline = await fetch(`${s.url}/api/cases/${encodeURIComponent('MP/0042/26')}/timeline?who=MP/0042/26`, {
      headers: { cookie: s.cookies.duty_manager, authorization: 'Bearer secret-bearer-value', 'x-request-id': 'case-read' },
    });
    expect(timeline.status).toBe(422); // no such case: what matters is what the log says about it
    const login = await fetch(`${s.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'sign-in', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ username: 'test.admin', password: 'wrong password here' }),
    });
    expect(login.status).toBe(401);

    const read = await lineFor(logged, 'case-read');
    expect(read).toMatchObject({ route: '/api/cases/:custodyRef/timeline', req: { method: 'GET', headers: { cookie: '[redacted]', authorization: '[redacted]' } } });
    expect(await lineFor(logged, 'sign-in')).toMatchObject({ route: '/api/login', code: 'invalid_credentials', req: { headers: { 'x-forwarded-for': '[redacted]' } } });

    const everything = logged.raw.join('');
    for (const secret of [sessionToken, 'secret-bearer-value', 'MP/0042', 'MP%2F0042', 'wrong password', '203.0.113.9']) expect(everything).not.toContain(secret);
  });

  it('an unknown path is logged as not found, without the path it asked for', async () => {
    const logged = await loggedServer();
    await fetch(`${logged.server.url}/api/cases/MP%2F0042%2F26/timelines`, { headers: { 'x-request-id': 'api-miss' } });
    await fetch(`${logged.server.url}/MP/0042/26`, { headers: { 'x-request-id': 'page-miss' } });
    expect(await lineFor(logged, 'api-miss')).toMatchObject({ route: '/api/(unmatched)', code: 'not_found', res: { statusCode: 404 } });
    expect(await lineFor(logged, 'page-miss')).toMatchObject({ route: '(not found)', code: 'not_found' });
    expect(logged.raw.join('')).not.toMatch(/0042/);
  });
});

