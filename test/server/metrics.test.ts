import { afterEach, describe, expect, it } from 'vitest';
import { item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

const TOKEN = 'scrape-token-0123456789';

let server: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server?.stop();
  server = null;
});

async function scrape(s: TestServer, token = TOKEN): Promise<string> {
  const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** One sample's value from the text exposition; 0 when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean);
    if (want.every((w) => have.includes(w))) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics', () => {
  it('does not exist when NEXUS_METRICS_TOKEN is unset', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a scrape without the token, or with a wrong one, as 401 with a Bearer challenge', async () => {
    server = await startTestServer({ env: { NEXUS_METRICS_TOKEN: TOKEN } });
    const attempts: Record<string, string | undefined> = {
      none: undefined,
      wrong: `Bearer ${TOKEN}x`,
      'a prefix of it': `Bearer ${TOKEN.slice(0, -1)}`,
      'not a bearer': `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
      'a session cookie instead': undefined,
    };
    for (const [name, authorization] of Object.entries(attempts)) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      if (name === 'a session cookie instead') headers.cookie = server.cookies.admin;
      const res = await fetch(`${server.url}/metrics`, { headers });
      expect(res.status, name).toBe(401);
      expect(res.headers.get('www-authenticate'), name).toMatch(/^Bearer/);
      const body = await res.text();
      expect(body, name).not.toMatch(/nexus_/);
      expect(JSON.parse(body), name).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
  });

  it('serves process metrics and nexus_ metrics whose values move as facts are ingested', async () => {
    server = await startTestServer({ env: { NEXUS_METRICS_TOKEN: TOKEN, NEXUS_NODE_ID: 'node-a' } });
    const before = await scrape(server);
    expect(sample(before, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(before, 'nexus_facts_appended_total', { type: 'officer.rostered', source: 'roster' })).toBe(0);
    expect(sample(before, 'nexus_projection_lag_events', { node: 'node-a' })).toBe(0);
    expect(before).toMatch(/^nexus_projection_lag_events\{node="node-a"\} 0$/m);

    const ok = await postIngest(server.url, {
      source: 'roster',
      events: [item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }), item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' })],
    });
    expect(ok.status).toBe(200);
    const refused = await postIngest(server.url, { source: 'gps', events: [item('officers.moved', { positions: [{ officerId: 'MET-IO-77', lat: 51.5, lng: -0.1 }] })] });
    expect(refused.status).toBe(422);
    const badKey = await postIngest(server.url, { source: 'roster', events: [] }, { headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-key-000000000000' } });
    expect(badKey.status).toBe(401);
    const login = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'test.admin', password: 'not the password' }) });
    expect(login.status).toBe(401);

    const after = await scrape(server);
    expect(sample(after, 'nexus_facts_appended_total', { type: 'officer.rostered', source: 'roster' })).toBe(2);
    expect(sample(after, 'nexus_append_duration_seconds_count')).toBe(sample(before, 'nexus_append_duration_seconds_count') + 1);
    expect(sample(after, 'nexus_broadcast_duration_seconds_count')).toBe(sample(before, 'nexus_broadcast_duration_seconds_count') + 1);
    expect(sample(after, 'nexus_ingest_refusals_total', { code: 'unknown_officer' })).toBe(1);
    expect(sample(after, 'nexus_ingest_refusals_total', { code: 'unauthenticated' })).toBe(1);
    expect(sample(after, 'nexus_sign_in_failures_total', { kind: 'person', code: 'invalid_credentials' })).toBe(1);
    expect(sample(after, 'nexus_projection_lag_events', { node: 'node-a' })).toBe(0);
  });

  it('counts connected sockets by role and open alerts by kind', async () => {
    server = await startTestServer({ env: { NEXUS_METRICS_TOKEN: TOKEN } });
    expect(sample(await scrape(server), 'nexus_connected_sockets', { role: 'duty_manager' })).toBe(0);
    for (const role of ['duty_manager', 'duty_manager', 'wall'] as const) {
      const c = new TestClient(server.url, server.cookies[role]);
      clients.push(c);
      await c.hello(null);
    }
    const text = await scrape(server);
    expect(sample(text, 'nexus_connected_sockets', { role: 'duty_manager' })).toBe(2);
    expect(sample(text, 'nexus_connected_sockets', { role: 'wall' })).toBe(1);
    expect(sample(text, 'nexus_connected_sockets', { role: 'admin' })).toBe(0);
    expect(text).toMatch(/^nexus_open_alerts\{kind="pace_running_out",acknowledged="false"\} 0$/m);

    // Someone of immigration interest with 3 h of PACE left and no check: an alert opens.
    const relevantTime = server.clock.now() - 21 * 3_600_000;
    const booked = await postIngest(server.url, {
      source: 'custody',
      events: [item('arrest.booked', { offenceCategory: 'theft', custodyRef: 'MP/0042/26', suiteId: 'met-croydon', nationality: 'RO', iabsMatch: true, relevantTime })],
    });
    expect(booked.status).toBe(200);
    expect(sample(await scrape(server), 'nexus_open_alerts', { kind: 'pace_running_out', acknowledged: 'false' })).toBe(1);
  });
});
