import Database from 'better-sqlite3';
import { WebSocket } from 'ws';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChainCheck, MeAnswer, Snapshot } from '../../protocol/index.js';
import { hashPassword } from '../../server/security/secrets.js';
import { decidePublishHighHarm } from '../../server/domain/index.js';
import { keyFor, sessionCookie } from '../support/auth.js';
import { highHarmV1 } from '../support/reference.js';
import { getJson, item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ regions: { duty_manager: ['West Midlands Police'], police_liaison: ['Metropolitan Police'] } });
  const t = server.clock.now();
  const r = await postIngest(server.url, {
    source: 'custody',
    events: [
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, t),
      item('officer.rostered', { officerId: 'WMP-ICE-01', status: 'available' }, t),
      item('arrest.booked', { custodyRef: 'MP/0001/26', suiteId: 'met-brixton', nationality: 'AL', iabsMatch: true, relevantTime: t - 7_200_000, offenceCategory: 'rape' }, t),
    ],
  });
  expect(r.status).toBe(200);
});
afterEach(() => server.stop());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** Who GET /api/me says the cookie's session belongs to (null: nobody; it answers 200 either way). */
const me = (cookie: string) => getJson<MeAnswer>(`${server.url}/api/me`, cookie);

async function addUser(username: string, password: string, role: 'duty_manager' | 'admin' = 'duty_manager') {
  return server.app.auth.createUser({ username, passwordHash: await hashPassword(password), role, regions: [], createdAt: Date.now() });
}

/** Nothing was written to the log. */
const expectLogUnchanged = (seq: number) => expect(server.app.engine.seq).toBe(seq);

describe('sign-in and sessions', () => {
  it('signs in with the right password and sets a strict HttpOnly cookie; the wrong one is refused', async () => {
    await addUser('dm.smith', 'correct horse battery');
    const good = await post('/api/login', { username: 'dm.smith', password: 'correct horse battery' });
    expect(good.status).toBe(200);
    expect(good.headers.get('set-cookie')).toMatch(/^nexus_session=[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
    const bad = await post('/api/login', { username: 'dm.smith', password: 'wrong horse battery' });
    expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([401, 'invalid_credentials']);
  });

  it('brute force: after 5 failures the account is rate-limited from that address, even with the right password', async () => {
    await addUser('dm.jones', 'correct horse battery');
    for (let i = 0; i < 5; i++) expect((await post('/api/login', { username: 'dm.jones', password: `guess-${i}` })).status).toBe(401);
    const locked = await post('/api/login', { username: 'dm.jones', password: 'correct horse battery' });
    expect(locked.status).toBe(429);
    const log = await server.app.auth.listSecurity(20);
    expect(log.filter((e) => e.kind === 'login_failed')).toHaveLength(5);
    expect(log.some((e) => e.kind === 'login_rate_limited')).toBe(true);
  });

  it('a forged session cookie is not a session', async () => {
    expect(await me('nexus_session=forged-token-forged-token-forged-token')).toBeNull();
    const res = await fetch(`${server.url}/api/snapshot`, { headers: { cookie: 'nexus_session=forged-token-forged-token-forged-token' } });
    expect(res.status).toBe(401);
  });

  it('an expired (idle) session is refused and deleted', async () => {
    const user = await addUser('dm.idle', 'correct horse battery');
    const cookie = await sessionCookie(server.app.auth, user.id);
    const hash = (await import('../../server/security/secrets.js')).sha256(cookie.split('=')[1]!);
    await server.app.auth.touchSession(hash, Date.now() - 31 * 60_000);
    expect(await me(cookie)).toBeNull();
    expect(await server.app.auth.findSession(hash)).toBeNull();
  });

  it('sign-out ends the session; sign-out everywhere ends them all', async () => {
    const user = await addUser('dm.out', 'correct horse battery');
    const [a, b] = [await sessionCookie(server.app.auth, user.id), await sessionCookie(server.app.auth, user.id)];
    expect((await me(a))?.name).toBe('dm.out');
    expect((await post('/api/logout', {}, { cookie: a })).status).toBe(200);
    expect(await me(a)).toBeNull();
    const c = await sessionCookie(server.app.auth, user.id);
    expect((await post('/api/logout-everywhere', {}, { cookie: b })).status).toBe(200);
    expect(await me(c)).toBeNull();
  });

  it('disabling a user cuts their open socket within seconds, and they cannot reconnect', async () => {
    const user = await addUser('dm.cut', 'correct horse battery');
    const cookie = await sessionCookie(server.app.auth, user.id);
    const client = new TestClient(server.url, cookie);
    await client.hello();
    const cut = new Promise<string>((done) => client.socket.once('disconnect', done));
    const res = await fetch(`${server.url}/api/admin/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: server.cookies.admin },
      body: JSON.stringify({ disabled: true }),
    });
    expect(res.status).toBe(200);
    expect(await cut).toBe('io server disconnect');
    const again = io(server.url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<Error>((done) => again.once('connect_error', done));
    again.close();
    expect(error.message).toBe('unauthenticated');
  });

  it('revoking a wall display cuts it', async () => {
    const created = await post('/api/admin/kiosks', { name: 'JOC wall 2', regions: [], national: true }, { cookie: server.cookies.admin });
    const { data } = (await created.json()) as { data: { item: { id: number }; secret: string } };
    const signIn = await post('/api/kiosk/session', { token: data.secret });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const wall = new TestClient(server.url, cookie);
    await wall.hello();
    const cut = new Promise<string>((done) => wall.socket.once('disconnect', done));
    expect((await post(`/api/admin/kiosks/${data.item.id}/revoke`, {}, { cookie: server.cookies.admin })).status).toBe(200);
    expect(await cut).toBe('io server disconnect');
    expect((await post('/api/kiosk/session', { token: data.secret })).status).toBe(401);
  });
});

describe('hostile input gets a clear refusal, writes nothing, and the server stays up', () => {
  it('a cross-origin socket handshake is refused', async () => {
    const socket = io(server.url, { extraHeaders: { cookie: server.cookies.duty_manager, origin: 'https://evil.example' }, transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<Error>((done) => socket.once('connect_error', done));
    socket.close();
    expect(error.message).toMatch(/websocket error|xhr poll error|Forbidden|unauthorized/i);
  });

  it('malformed Socket.IO packets do not crash the server', async () => {
    const seq = server.app.engine.seq;
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { cookie: server.cookies.duty_manager } });
    await new Promise((done) => ws.once('open', done));
    for (const frame of ['40', '42["officer:assign",{"officerId":', '42[1,2,3]', '4999', 'garbage', '42["__proto__",{}]', '42["constructor"]']) ws.send(frame);
    await new Promise((r) => setTimeout(r, 200));
    ws.close();
    expectLogUnchanged(seq);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('an unknown socket event is refused and logged', async () => {
    const client = new TestClient(server.url, server.cookies.duty_manager);
    await client.hello();
    const reply = await (client.socket as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; error: { code: string } }> }).emitWithAck('admin:drop-tables', {});
    client.close();
    expect(reply.error.code).toBe('forbidden');
    expect((await server.app.auth.listSecurity(5)).some((e) => e.kind === 'socket_unknown_event')).toBe(true);
  });

  it('a socket sending too fast is rate-limited', async () => {
    const client = new TestClient(server.url, server.cookies.duty_manager);
    await client.hello();
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => client.socket.emitWithAck('officer:assign', { officerId: 'NOPE-1', suiteId: 'met-croydon' })),
    );
    client.close();
    expect(replies.filter((r) => !r.ok && r.error.code === 'rate_limited').length).toBeGreaterThan(0);
  });

  it('a regional duty manager cannot move an officer of another region', async () => {
    const seq = server.app.engine.seq;
    const client = new TestClient(server.url, server.cookies.duty_manager); // West Midlands only
    await client.hello();
    const reply = await client.socket.emitWithAck('officer:assign', { officerId: 'MET-ICE-01', suiteId: 'met-croydon', reason: null });
    client.close();
    expect(!reply.ok && reply.error.code).toBe('forbidden');
    expectLogUnchanged(seq);
  });

  const scripts = ['<script>alert(1)</script>', "'; DROP TABLE events; --", '" OR 1=1 --', '<img src=x onerror=alert(1)>', '${7*7}{{7*7}}'];
  it.each(scripts)('free text %s is stored and returned as text, never executed or interpreted', async (text) => {
    const client = new TestClient(server.url, server.cookies.duty_manager);
    await client.hello();
    const reply = await client.socket.emitWithAck('officer:assign', { officerId: 'WMP-ICE-01', suiteId: 'wmp-perry-barr', reason: text });
    client.close();
    expect(reply.ok).toBe(true);
    expect(server.app.engine.state.assignments[0]!.reason).toBe(text);
    const events = await getJson<{ type: string }[]>(`${server.url}/api/events?after=0&limit=1000`, server.cookies.admin);
    expect(events.length).toBe(server.app.engine.seq);
  });

  it('SQL in a username is just a wrong username', async () => {
    const res = await post('/api/login', { username: "admin' --", password: 'anything-at-all' });
    expect(res.status).toBe(401);
  });

  it('ingest without a key, with a forged key, or with another source’s key is refused', async () => {
    const seq = server.app.engine.seq;
    const body = { source: 'custody', events: [item('case.referred', { custodyRef: 'MP/0001/26' }, server.clock.now())] };
    expect((await post('/api/ingest', body)).status).toBe(401);
    expect((await post('/api/ingest', body, { authorization: 'Bearer forged-forged-forged-forged' })).status).toBe(401);
    // The GPS feed's key cannot post custody facts.
    const gpsKey = keyFor(server.url, 'gps');
    const other = await post('/api/ingest', body, { authorization: `Bearer ${gpsKey}` });
    expect(other.status).toBe(403);
    expectLogUnchanged(seq);
  });

  it('an ingest key scoped to a region cannot write another region', async () => {
    const created = await post('/api/admin/ingest-keys', { source: 'wm-custody', region: 'West Midlands Police' }, { cookie: server.cookies.admin });
    const { data } = (await created.json()) as { data: { secret: string } };
    const seq = server.app.engine.seq;
    const outside = await post(
      '/api/ingest',
      { source: 'wm-custody', events: [item('arrest.booked', { custodyRef: 'MP/0002/26', suiteId: 'met-croydon', nationality: 'PL', iabsMatch: false, relevantTime: server.clock.now(), offenceCategory: 'theft' })] },
      { authorization: `Bearer ${data.secret}` },
    );
    expect(outside.status).toBe(403);
    expectLogUnchanged(seq);
  });

  it('headers: a strict CSP with no inline script, no X-Powered-By', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get('x-powered-by')).toBeNull();
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('errors never carry a stack trace', async () => {
    const res = await post('/api/login', '{"username": ');
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('what a police liaison receives (checked on the raw wire)', () => {
  it('demand for their force only: no custody reference, nationality, officer id or position', async () => {
    const raw: string[] = [];
    const liaison = new TestClient(server.url, server.cookies.police_liaison);
    liaison.socket.onAny((event, ...args) => raw.push(JSON.stringify([event, ...args])));
    const hello = await liaison.hello();
    raw.push(JSON.stringify(hello));
    // Things happen while they watch: a booking, a move, a check, an acknowledgement.
    const t = server.clock.now();
    await postIngest(server.url, {
      source: 'custody',
      events: [
        item('arrest.booked', { custodyRef: 'MP/0003/26', suiteId: 'met-croydon', nationality: 'RO', iabsMatch: true, relevantTime: t, offenceCategory: 'theft' }, t),
        item('officers.moved', { positions: [{ officerId: 'MET-ICE-01', lat: 51.41, lng: -0.11 }] }, t),
        item('check.completed', { custodyRef: 'MP/0001/26', officerId: null, mode: 'remote', outcome: 'immigration_offender' }, t),
        // Outside their region: not even the suite's figures may reach them.
        item('arrest.booked', { custodyRef: 'WM/0004/26', suiteId: 'wmp-perry-barr', nationality: 'RO', iabsMatch: true, relevantTime: t, offenceCategory: 'theft' }, t),
      ],
    });
    await liaison.waitForSeq(server.app.engine.seq);
    await new Promise((r) => setTimeout(r, 1200)); // let the derived push arrive too
    for (const path of ['/api/snapshot', '/api/coverage', '/api/me']) raw.push(await (await fetch(server.url + path, { headers: { cookie: server.cookies.police_liaison } })).text());
    liaison.close();

    const wire = raw.join('\n');
    expect(wire).not.toMatch(/MP\/000\d\/26/);
    expect(wire).not.toMatch(/custodyRef|nationality/);
    expect(wire).not.toMatch(/MET-(IO|ICE)-\d\d|WMP-ICE-\d\d/);
    expect(wire).not.toMatch(/51\.41/);
    expect(wire).not.toMatch(/WM\/0004|wmp-perry-barr/);
    const snapshot = JSON.parse(raw.find((r) => r.includes('"snapshot"'))!) as { snapshot: Snapshot };
    expect(new Set(snapshot.snapshot.suites.map((s) => s.region))).toEqual(new Set(['Metropolitan Police']));
    expect(snapshot.snapshot.suites.find((s) => s.id === 'met-brixton')).toMatchObject({ inCustody: 1, pendingChecks: 1 });
    // And what they may not ask for is refused, not empty.
    expect((await fetch(`${server.url}/api/non-attendances`, { headers: { cookie: server.cookies.police_liaison } })).status).toBe(403);
  });
});

describe('the audit trail (DPA 2018 s.62)', () => {
  it('records sign-ins, case views, moves, rule changes and denials, chained and verifiable', async () => {
    await addUser('dm.audit', 'correct horse battery');
    await post('/api/login', { username: 'dm.audit', password: 'correct horse battery' });
    const national = new TestClient(server.url, server.cookies.ccu_operator);
    await national.hello();
    await fetch(`${server.url}/api/cases/${encodeURIComponent('MP/0001/26')}/timeline`, { headers: { cookie: server.cookies.ccu_operator } });
    await national.socket.emitWithAck('case:start-check', { custodyRef: 'MP/0001/26', mode: 'remote' });
    await national.socket.emitWithAck('high-harm:publish', { definition: {} as never, reason: 'not mine to change' });
    national.close();

    const entries = await server.app.auth.allAudit();
    const actions = entries.map((e) => `${e.actor}:${e.action}`);
    expect(actions).toEqual(
      expect.arrayContaining(['dm.audit:sign_in', 'test.ccu_operator:case.viewed', 'test.ccu_operator:case:start-check', 'test.ccu_operator:denied']),
    );
    expect(entries.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(e.at))).toBe(true);
    const verify = await getJson<ChainCheck>(`${server.url}/api/admin/audit/verify`, server.cookies.admin);
    expect(verify).toEqual({ brokenAt: null, checked: entries.length });
  });

  it('a modified entry breaks the chain at that entry', async () => {
    await addUser('dm.tamper', 'correct horse battery');
    for (let i = 0; i < 3; i++) await post('/api/login', { username: 'dm.tamper', password: 'correct horse battery' });
    const entries = await server.app.auth.allAudit();
    const target = entries[1]!;
    const db = new Database(server.dbPath);
    db.prepare('UPDATE audit SET actor = ? WHERE id = ?').run('someone.else', target.id);
    db.close();
    const verify = await getJson<ChainCheck>(`${server.url}/api/admin/audit/verify`, server.cookies.admin);
    expect(verify.brokenAt).toBe(target.id);
  });
});

describe('what a wall display receives', () => {
  it('the same alerts as the room needs, with no custody reference in ids or messages', async () => {
    await server.app.engine.execute((state) => decidePublishHighHarm(state, highHarmV1, 'test'), 'system');
    const wall = new TestClient(server.url, server.cookies.wall);
    const hello = await wall.hello();
    wall.close();
    if (hello.mode !== 'snapshot') throw new Error('expected a snapshot');
    const alerts = hello.snapshot.derived.alerts;
    expect(alerts.some((a) => a.kind === 'high_harm_waiting')).toBe(true);
    expect(JSON.stringify(hello)).not.toMatch(/MP\/000\d\/26|nationality|custodyRef":"/);
    expect(alerts.find((a) => a.kind === 'high_harm_waiting')!.message).toMatch(/^High Harm A detainee at Brixton/);
  });
});
