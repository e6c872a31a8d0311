import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LivenessReport, ReadinessReport } from '../../protocol/index.js';
import { silentLogger } from '../../server/log.js';
import { nodeReadiness } from '../../server/ops/node-readiness.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function readyz(s: TestServer): Promise<{ status: number; report: ReadinessReport }> {
  const res = await fetch(`${s.url}/readyz`);
  return { status: res.status, report: ReadinessReport.parse(await res.json()) };
}

describe('liveness and readiness', () => {
  it('GET /livez answers 200 JSON whatever the phase', async () => {
    server = await startTestServer({ notReady: true, env: { NEXUS_NODE_ID: 'node-b' } });
    const res = await fetch(`${server.url}/livez`);
    expect(res.status).toBe(200);
    expect(LivenessReport.parse(await res.json())).toEqual({ status: 'live', node: 'node-b' });
  });

  it('GET /readyz: 503 while starting, 200 once started and caught up, 503 from the first moment of shutdown', async () => {
    server = await startTestServer({ notReady: true });
    expect(await readyz(server)).toEqual({ status: 503, report: expect.objectContaining({ ready: false, phase: 'starting' }) });

    server.app.readiness.started();
    const ready = await readyz(server);
    expect(ready.status).toBe(200);
    expect(ready.report).toMatchObject({ ready: true, phase: 'ready', checks: { database: { ok: true }, projection: { ok: true } } });

    // What main.ts does on SIGTERM: not ready first, then close.
    server.app.readiness.stopping();
    expect(await readyz(server)).toEqual({ status: 503, report: expect.objectContaining({ ready: false, phase: 'stopping' }) });
    expect((await fetch(`${server.url}/livez`)).status).toBe(200);
  });

  it('stopping the app marks it not ready before anything else', async () => {
    const s = await startTestServer();
    server = null;
    const stopping = s.stop();
    expect(s.app.readiness.phase).toBe('stopping');
    await stopping;
  });

  it('a check that fails or finds the state behind the log makes the node not ready, and says which', async () => {
    const store = { lastSeq: async () => 12 } as Parameters<typeof nodeReadiness>[2];
    // Behind, and still behind after trying to catch up: not ready.
    let followed = 0;
    const behind = nodeReadiness('n', silentLogger, store, { seq: 10, follow: async () => void followed++ });
    behind.started();
    expect(await behind.report()).toMatchObject({ ready: false, checks: { database: { ok: true }, projection: { ok: false, detail: '2 events behind the log' } } });
    expect(followed).toBe(1);
    // Behind for a moment (another node just appended), caught up by the check: ready.
    const engine = { seq: 10, follow: async () => void (engine.seq = 12) };
    const moment = nodeReadiness('n', silentLogger, store, engine);
    moment.started();
    expect(await moment.report()).toMatchObject({ ready: true, checks: { projection: { ok: true } } });

    const broken = nodeReadiness('n', silentLogger, { lastSeq: () => Promise.reject(new Error('disk I/O error')) } as typeof store, { seq: 10, follow: async () => {} });
    broken.started();
    const report = await broken.report();
    expect(report).toMatchObject({ ready: false, checks: { database: { ok: false }, projection: { ok: false } } });
    // The probe is public: the cause goes to the log, not to the answer.
    expect(JSON.stringify(report)).not.toMatch(/disk/);

    broken.add('cluster', async () => ({ ok: true }));
    expect(Object.keys((await broken.report()).checks)).toEqual(['database', 'projection', 'cluster']);
  });
});

describe('paths nothing serves', () => {
  it('an unknown /api/ path answers 404 JSON, whatever the method', async () => {
    server = await startTestServer();
    for (const [method, path] of [['GET', '/api/nope'], ['POST', '/api/nope'], ['DELETE', '/api/health'], ['GET', '/api']] as const) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { cookie: server.cookies.admin } });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ ok: false, error: { code: 'not_found', message: 'No such API route.' } });
    }
  });

  it("only the dashboard's page and files get HTML; /healthz, /metrics, /openapi.json and the rest answer 404", async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'nexus-client-'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Nexus Live</title>');
    writeFileSync(join(clientDir, 'app.js'), 'export {};');
    server = await startTestServer({ clientDir });

    for (const path of ['/', '/index.html', '/?from=wall']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<title>Nexus Live</title>');
    }
    expect((await fetch(`${server.url}/app.js`)).status).toBe(200);

    for (const path of ['/healthz', '/metrics', '/openapi.json', '/ccu', '/admin/users', '/index.htm', '/assets/missing.js']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(await res.json(), path).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });
});
