import { WebSocket } from 'ws';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrincipalRole } from '../../protocol/index.js';
import { postIngest, item, startTestServer, TestClient, type TestServer } from '../support/server.js';

/**
 * Findings 1, 2 and 11 of the attacker's review (issue 10): event names that crashed the server,
 * a failed audit write that could end the process, and a socket or session flooding the logs.
 */
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  await postIngest(server.url, { source: 'roster', events: [item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' })] });
});
afterEach(() => server.stop());

const ROLES: PrincipalRole[] = ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison', 'wall'];
/** Every name an object inherits: each one looked up on a plain object finds something. */
const INHERITED = Object.getOwnPropertyNames(Object.prototype);

type Reply = { ok: boolean; error?: { code: string; message: string } };
const emitRaw = (client: TestClient, event: string, payload: unknown) =>
  (client.socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Reply> } }).timeout(2_000).emitWithAck(event, payload);

async function stillServing(): Promise<void> {
  expect((await fetch(`${server.url}/livez`)).status).toBe(200);
  const probe = new TestClient(server.url, server.cookies.duty_manager);
  const hello = await probe.hello(null);
  probe.close();
  expect(hello.mode).toBe('snapshot');
}

/** A raw Engine.IO connection, signed in, past the namespace handshake: frames now reach the guard. */
async function rawSocket(cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { cookie } });
  await new Promise((done) => ws.once('open', done));
  const connected = new Promise<void>((done) => ws.on('message', (m) => String(m).startsWith('40{') && done()));
  ws.send('40');
  await connected;
  return ws;
}

describe('finding 1: any signed-in user could stop the server with an inherited event name', () => {
  it.each(ROLES)('as %s, every Object.prototype name is refused as an unknown event and the server goes on', async (role) => {
    const client = new TestClient(server.url, server.cookies[role]);
    await client.hello();
    for (const name of INHERITED) {
      const reply = await emitRaw(client, name, {});
      expect(reply, name).toEqual({ ok: false, error: { code: 'forbidden', message: 'Unknown event.' } });
    }
    client.close();
    await stillServing();
  });

  it('raw frames naming inherited properties, after the handshake, change nothing and the server goes on', async () => {
    const seq = server.app.engine.seq;
    const ws = await rawSocket(server.cookies.police_liaison);
    const answers: string[] = [];
    ws.on('message', (m) => answers.push(String(m)));
    INHERITED.forEach((name, i) => ws.send(`42${i}${JSON.stringify([name, {}])}`));
    ws.send('42["__proto__",{"__proto__":{"polluted":true}}]');
    await new Promise((r) => setTimeout(r, 300));
    ws.close();
    expect(answers.filter((a) => a.includes('Unknown event.')).length).toBe(INHERITED.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(server.app.engine.seq).toBe(seq);
    await stillServing();
  });
});

describe('finding 2: a failed audit or log write could end the process', () => {
  it('a command already stored is acknowledged even when the audit write fails, and the server goes on', async () => {
    const auth = server.app.auth;
    const append = auth.appendAudit.bind(auth);
    auth.appendAudit = () => Promise.reject(new Error('disk full'));
    const manager = new TestClient(server.url, server.cookies.duty_manager);
    await manager.hello();
    const ack = await manager.assign('MET-ICE-01', 'met-croydon', 'cover');
    manager.close();
    auth.appendAudit = append;
    expect(ack.ok).toBe(true);
    expect(server.app.engine.state.officers.get('MET-ICE-01')?.suiteId).toBe('met-croydon');
    await stillServing();
  });

  it('a handler that fails answers a generic error with a reference, never silence or a crash', async () => {
    const engine = server.app.engine;
    const execute = engine.execute.bind(engine);
    engine.execute = () => Promise.reject(new Error('database went away'));
    const manager = new TestClient(server.url, server.cookies.duty_manager);
    await manager.hello();
    const ack = await manager.assign('MET-ICE-01', 'met-croydon', null);
    manager.close();
    engine.execute = execute;
    expect(ack.ok).toBe(false);
    expect(!ack.ok && ack.error.code).toBe('internal');
    expect(!ack.ok && ack.error.message).toMatch(/reference [0-9a-f]{8}/);
    expect(!ack.ok && ack.error.message).not.toMatch(/database went away/);
    await stillServing();
  });

  it('a read that must be audited fails closed (nothing disclosed) when the audit cannot be written', async () => {
    await postIngest(server.url, {
      source: 'custody',
      events: [item('arrest.booked', { custodyRef: 'MP/0100/26', suiteId: 'met-brixton', nationality: 'AL', iabsMatch: true, relevantTime: server.clock.now() - 60_000, offenceCategory: 'theft' })],
    });
    server.app.auth.appendAudit = () => Promise.reject(new Error('disk full'));
    const res = await fetch(`${server.url}/api/cases/${encodeURIComponent('MP/0100/26')}/timeline`, { headers: { cookie: server.cookies.duty_manager } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as Reply & { data?: unknown };
    expect(body.data).toBeUndefined();
    await stillServing();
  });
});

describe('finding 11: flooding', () => {
  it('thousands of refused messages from one socket cost a handful of security-log rows, and the socket is cut', async () => {
    const before = (await server.app.auth.listSecurity(1000)).length;
    const ws = await rawSocket(server.cookies.officer);
    const closed = new Promise<void>((done) => ws.once('close', () => done()));
    for (let i = 0; i < 3_000 && ws.readyState === WebSocket.OPEN; i++) ws.send(`42${JSON.stringify(['no-such-event', {}])}`);
    await closed;
    const rows = (await server.app.auth.listSecurity(1000)).length - before;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(5);
    await stillServing();
  });

  it('one session may hold only a few sockets; the next is refused at the handshake', async () => {
    const limit = server.app.config.security.maxSocketsPerSession;
    const open = Array.from({ length: limit }, () => new TestClient(server.url, server.cookies.ccu_operator));
    await Promise.all(open.map((c) => c.hello()));
    const extra = io(server.url, { extraHeaders: { cookie: server.cookies.ccu_operator }, transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<Error>((done) => extra.once('connect_error', done));
    extra.close();
    expect(error.message).toBe('too_many_connections');
    // Closing one frees a place.
    open.pop()!.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = new TestClient(server.url, server.cookies.ccu_operator);
    expect((await again.hello()).mode).toBe('snapshot');
    again.close();
    for (const c of open) c.close();
  });
});
