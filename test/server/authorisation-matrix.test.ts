import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Ack, type ClientToServer, type MeAnswer, type PrincipalRole } from '../../protocol/index.js';
import { ROUTE_POLICY, SOCKET_POLICY, routeAllows, type Access, type RouteKey } from '../../server/security/policy.js';
import { item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

const WHO: (PrincipalRole | 'anonymous')[] = ['anonymous', 'admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison', 'wall'];
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const r = await postIngest(server.url, {
    source: 'custody',
    events: [item('arrest.booked', { custodyRef: 'MP/0001/26', suiteId: 'met-brixton', nationality: 'PL', iabsMatch: true, relevantTime: server.clock.now(), offenceCategory: 'theft' })],
  });
  expect(r.status).toBe(200);
});
afterAll(() => server.stop());

/** A request that reaches the handler, for each route: params filled in, bodies harmless. */
function requestFor(key: RouteKey): { method: string; path: string; body?: unknown } {
  const [method, template] = key.split(' ') as [string, string];
  const path = template.replace(':custodyRef', encodeURIComponent('MP/0001/26')).replace(':id', '999').replace(':suiteId', 'met-brixton');
  const bodies: Partial<Record<RouteKey, unknown>> = {
    'POST /api/login': { username: 'nobody', password: 'wrong-password' },
    'POST /api/kiosk/session': { token: 'x'.repeat(40) },
    'POST /api/admin/users': { username: 'bad name!', role: 'officer' },
    'PATCH /api/admin/users/:id': { disabled: false },
    'POST /api/admin/kiosks': { name: '' },
    'POST /api/admin/ingest-keys': { source: 'BAD SOURCE' },
    'POST /api/ingest': { source: 'custody', events: [] },
  };
  return { method, path, body: bodies[key] ?? (method === 'GET' ? undefined : {}) };
}

describe('every HTTP route, tried as everyone', () => {
  const cases = (Object.entries(ROUTE_POLICY) as [RouteKey, Access][]).flatMap(([key, access]) => WHO.map((who) => ({ key, access, who })));
  it.each(cases)('$key as $who', async ({ key, access, who }) => {
    const { method, path, body } = requestFor(key);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who !== 'anonymous') headers.cookie = server.cookies[who];
    if (key === 'POST /api/logout' || key === 'POST /api/logout-everywhere') return; // would end the shared sessions
    const res = await fetch(server.url + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    // The API reference is a page, not JSON: it is public, so only its status matters here.
    const code = res.headers.get('content-type')?.startsWith('application/json') ? ((await res.json()) as { error?: { code: string } }).error?.code : undefined;
    const allowed = access === 'ingest-key' ? false : routeAllows(access, who === 'anonymous' ? null : who);
    if (allowed) {
      // Past the guard: the handler may still say no (wrong password, bad body), but not "who are you".
      expect(code, `${key} should let ${who} in`).not.toBe('unauthenticated');
      expect(code).not.toBe('forbidden');
      expect(res.status, `${key} is not registered`).not.toBe(404);
    } else {
      // Ingest wants a key, not a session: a person's cookie is not enough.
      expect([res.status, code]).toEqual(access === 'ingest-key' || who === 'anonymous' ? [401, 'unauthenticated'] : [403, 'forbidden']);
    }
  });
});

describe('GET /api/me, the question every page starts with', () => {
  it('answers who is signed in, and "nobody" (null) without a 401 to someone who is not', async () => {
    for (const who of WHO) {
      const res = await fetch(`${server.url}/api/me`, who === 'anonymous' ? {} : { headers: { cookie: server.cookies[who] } });
      const body = (await res.json()) as Ack<MeAnswer>;
      expect([res.status, body.ok]).toEqual([200, true]);
      const role = body.ok ? body.data?.role : undefined;
      expect(role ?? 'anonymous').toBe(who);
    }
  });
});

describe('every socket event, tried as every role', () => {
  const events = Object.keys(SOCKET_POLICY) as (keyof ClientToServer)[];
  const roles = WHO.filter((w): w is PrincipalRole => w !== 'anonymous');
  const payload: Record<keyof ClientToServer, unknown> = {
    'sync:hello': { protocolVersion: PROTOCOL_VERSION, lastSeq: null },
    'officer:assign': { officerId: 'MET-IO-99', suiteId: 'met-croydon' },
    'case:start-check': { custodyRef: 'MP/9999/26', mode: 'remote' },
    'case:record-check': { custodyRef: 'MP/9999/26', mode: 'remote', outcome: 'no_trace' },
    'non-attendance:set-reason': { custodyRef: 'MP/9999/26', reason: 'other', note: null },
    'alert:acknowledge': { alertId: 'pace_running_out:MP/9999/26', note: null },
    'high-harm:publish': { definition: {}, reason: 'x' },
    'recommendation:accept': { officerId: 'MET-IO-99', suiteId: 'met-croydon' },
    'officer:acknowledge': { officerId: 'MET-IO-01', moveSeq: 99 },
    'officer:arrive': { officerId: 'MET-IO-01', suiteId: 'met-croydon' },
    'officer:set-status': { officerId: 'MET-IO-01', status: 'off_duty' },
    'case:cannot-attend': { custodyRef: 'MP/9999/26', officerId: 'MET-IO-01', reason: 'end_of_shift', note: null },
    'case:release-check': { custodyRef: 'MP/9999/26', note: null },
  };
  it.each(roles.flatMap((role) => events.map((event) => ({ role, event }))))('$event as $role', async ({ role, event }) => {
    const client = new TestClient(server.url, server.cookies[role]);
    try {
      await new Promise<void>((done) => client.socket.once('connect', () => done()));
      const reply = (await client.socket.emitWithAck(event as 'sync:hello', payload[event] as never)) as { ok: boolean; error?: { code: string } };
      if (SOCKET_POLICY[event].includes(role)) expect(reply.ok || reply.error?.code !== 'forbidden').toBe(true);
      else expect(reply.error?.code).toBe('forbidden');
    } finally {
      client.close();
    }
  });

  it('an anonymous socket is refused at the handshake', async () => {
    const { io } = await import('socket.io-client');
    const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<Error>((done) => socket.once('connect_error', done));
    socket.close();
    expect(error.message).toBe('unauthenticated');
  });
});
