import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../db/sqlite-store.js';
import { hashPassword, sha256 } from '../../server/security/secrets.js';
import { runUserAdd } from '../support/user-add.js';
import { startTestServer, tempDbPath, type TestServer } from '../support/server.js';

/**
 * Findings 5, 6 and 7 of the attacker's review (issue 10): sign-in limits that a forged
 * X-Forwarded-For got round (and that locked out a whole control room), accounts that became
 * national by omission, and a wall display's enrolment link that worked for ever.
 */
let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

const post = (s: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(s.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const signIn = (s: TestServer, username: string, password: string, from?: string) =>
  post(s, '/api/login', { username, password }, from ? { 'x-forwarded-for': from } : {});
async function person(s: TestServer, username: string, password: string) {
  await s.app.auth.createUser({ username, passwordHash: await hashPassword(password), role: 'ccu_operator', regions: [], createdAt: Date.now() });
}

describe('finding 5: sign-in limits', () => {
  it('behind a trusted proxy, rotating X-Forwarded-For does not buy more guesses at one account', async () => {
    server = await startTestServer({ env: { NEXUS_TRUST_PROXY: 'on' } });
    await person(server, 'ccu.target', 'correct horse battery');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn(server, 'ccu.target', `guess-${i}`, `203.0.113.${i + 1}`)).status);
    const right = await signIn(server, 'ccu.target', 'correct horse battery', '203.0.113.99');
    expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(right.status).toBe(429);
  });

  it('the proxy-facing address is one hop: a client cannot choose its own address by sending the header', async () => {
    server = await startTestServer({ env: { NEXUS_TRUST_PROXY: 'on' } });
    expect(server.app.config.security.trustProxy).toBe(1);
  });

  it('30 failures from one address do not lock out the people who work there', async () => {
    server = await startTestServer();
    await person(server, 'ccu.regular', 'correct horse battery');
    await person(server, 'ccu.newcomer', 'another horse battery');
    expect((await signIn(server, 'ccu.regular', 'correct horse battery')).status).toBe(200); // known at this address
    for (let i = 0; i < 30; i++) expect((await signIn(server, `nobody.${i}`, 'wrong password 123')).status).toBe(401);
    expect((await signIn(server, 'ccu.regular', 'correct horse battery')).status).toBe(200);
    // Someone never seen at this address waits until the window passes.
    expect((await signIn(server, 'ccu.newcomer', 'another horse battery')).status).toBe(429);
  });
});

describe('finding 6: nothing is national by omission', () => {
  const create = (s: TestServer, body: object) => post(s, '/api/admin/users', body, { cookie: s.cookies.admin });
  const problem = async (res: Response) => [res.status, ((await res.json()) as { error?: { message: string } }).error?.message ?? ''] as const;

  it.each([
    ['a police liaison with no force', { username: 'pl.none', role: 'police_liaison', regions: [] }, /exactly one region/],
    ['a police liaison with two forces', { username: 'pl.two', role: 'police_liaison', regions: ['Metropolitan Police', 'West Midlands Police'] }, /exactly one region/],
    ['a force the system does not know', { username: 'pl.kent', role: 'police_liaison', regions: ['Kent'] }, /Unknown region "Kent"/],
    ['an officer with no region', { username: 'io.none', role: 'officer', regions: [] }, /exactly one region/],
    ['a duty manager with no region and no national choice', { username: 'dm.none', role: 'duty_manager', regions: [] }, /choose national explicitly/],
    ['a national police liaison', { username: 'pl.nat', role: 'police_liaison', regions: [], national: true }, /exactly one region/],
    ['a CCU operator limited to regions', { username: 'ccu.reg', role: 'ccu_operator', regions: ['Metropolitan Police'] }, /national/],
  ])('refuses %s', async (_name, body, message) => {
    server ??= await startTestServer();
    const [status, text] = await problem(await create(server, body));
    expect(status).toBe(400);
    expect(text).toMatch(message);
    expect(await server.app.auth.findUserByName((body as { username: string }).username)).toBeNull();
  });

  it('accepts one force for a liaison, and a national duty manager only when asked for', async () => {
    server = await startTestServer();
    expect((await create(server, { username: 'pl.met', role: 'police_liaison', regions: ['Metropolitan Police'] })).status).toBe(200);
    expect((await create(server, { username: 'dm.national', role: 'duty_manager', regions: [], national: true })).status).toBe(200);
    expect((await server.app.auth.findUserByName('dm.national'))?.regions).toEqual([]);
  });

  it('a change of role must leave a valid scope: a national duty manager made an officer needs a region (and a call sign)', async () => {
    server = await startTestServer();
    await create(server, { username: 'dm.change', role: 'duty_manager', regions: [], national: true });
    const id = (await server.app.auth.findUserByName('dm.change'))!.id;
    const patch = (body: object) => fetch(`${server!.url}/api/admin/users/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: server!.cookies.admin }, body: JSON.stringify(body) });
    expect((await patch({ role: 'officer' })).status).toBe(400);
    expect((await patch({ role: 'officer', regions: ['West Midlands Police'] })).status).toBe(400);
    expect((await patch({ role: 'officer', regions: ['West Midlands Police'], callSign: 'WMP-ICE-01' })).status).toBe(200);
  });

  it('npm run user:add refuses a liaison without a force, and creates one with a force', async () => {
    const dbPath = tempDbPath();
    const run = (...args: string[]) => runUserAdd(dbPath, ...args);
    const refused = await run('pl.x', 'police_liaison');
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/exactly one region/);
    const made = await run('pl.x', 'police_liaison', 'Metropolitan Police');
    expect(made.code).toBe(0);
    const store = new SqliteStore({ path: dbPath });
    expect((await store.authStore().findUserByName('pl.x'))?.regions).toEqual(['Metropolitan Police']);
    await store.close();
  }, 60_000);
});

describe('finding 7: a wall display enrolment link works once, and not for ever', () => {
  async function enrol(s: TestServer) {
    const res = await post(s, '/api/admin/kiosks', { name: 'JOC wall 3', regions: [], national: true }, { cookie: s.cookies.admin });
    return ((await res.json()) as { data: { item: { id: number }; secret: string } }).data;
  }
  const useLink = (s: TestServer, token: string) => post(s, '/api/kiosk/session', { token });

  it('the link signs one display in, and is refused the second time', async () => {
    server = await startTestServer();
    const { secret } = await enrol(server);
    expect((await useLink(server, secret)).status).toBe(200);
    expect((await useLink(server, secret)).status).toBe(401);
  });

  it('an unused link stops working when it expires', async () => {
    server = await startTestServer();
    const { item, secret } = await enrol(server);
    await server.app.auth.renewKioskEnrolment(item.id, sha256(secret), Date.now() - 1);
    expect((await useLink(server, secret)).status).toBe(401);
  });

  it('a new link voids the old one and ends the old device’s session', async () => {
    server = await startTestServer();
    const { item, secret } = await enrol(server);
    const first = await useLink(server, secret);
    const oldCookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const renewed = await post(server, `/api/admin/kiosks/${item.id}/enrolment`, {}, { cookie: server.cookies.admin });
    const next = ((await renewed.json()) as { data: { secret: string } }).data.secret;
    expect((await fetch(`${server.url}/api/snapshot`, { headers: { cookie: oldCookie } })).status).toBe(401);
    expect((await useLink(server, secret)).status).toBe(401);
    expect((await useLink(server, next)).status).toBe(200);
  });
});
