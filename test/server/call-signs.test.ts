import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../protocol/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import { sessionCookie } from '../support/auth.js';
import { runUserAdd } from '../support/user-add.js';
import { getJson, startTestServer, tempDbPath, type TestServer } from '../support/server.js';

/**
 * Issue 12: an officer account is one officer on the roster. The Admin page and `npm run user:add`
 * refuse a link the roster does not allow, every link is audited, and the officer's principal
 * (and their screen) carries the call sign.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const send = (method: 'POST' | 'PATCH', path: string, body: unknown) =>
  fetch(server.url + path, { method, headers: { 'content-type': 'application/json', cookie: server.cookies.admin }, body: JSON.stringify(body) });
const refusal = async (res: Response) => [res.status, ((await res.json()) as { error?: { message: string } }).error?.message ?? ''] as const;
const officer = (username: string, callSign: string | null, regions = ['Metropolitan Police']) => ({ username, role: 'officer', regions, callSign });

describe('linking an officer account to a call sign (Admin page)', () => {
  it.each([
    ['an officer without a call sign', officer('io.none', null), /call sign on the roster/],
    ['a call sign not on the roster', officer('io.ghost', 'MET-IO-99'), /No officer with call sign MET-IO-99/],
    ['a call sign from another region', officer('io.wm', 'WMP-ICE-01'), /WMP-ICE-01 works in West Midlands Police/],
    ['a call sign for someone who is not an officer', { username: 'dm.cs', role: 'duty_manager', regions: ['Metropolitan Police'], callSign: 'MET-ICE-01' }, /Only an officer account/],
  ])('refuses %s', async (_name, body, message) => {
    const [status, text] = await refusal(await send('POST', '/api/admin/users', body));
    expect(status).toBe(400);
    expect(text).toMatch(message);
  });

  it('links one account per call sign, audits each link, and the officer sees their call sign', async () => {
    const made = await send('POST', '/api/admin/users', officer('io.ice', 'MET-ICE-01'));
    expect(made.status).toBe(200);
    const [status, text] = await refusal(await send('POST', '/api/admin/users', officer('io.copy', 'MET-ICE-01')));
    expect([status, text]).toEqual([400, 'MET-ICE-01 is already linked to io.ice.']);

    const user = (await server.app.auth.findUserByName('io.ice'))!;
    const me = await getJson<Me>(`${server.url}/api/me`, await sessionCookie(server.app.auth, user.id));
    expect(me).toMatchObject({ role: 'officer', callSign: 'MET-ICE-01' });

    // Unlinked from an officer account is not allowed; moved to another free call sign, it is.
    expect((await send('PATCH', `/api/admin/users/${user.id}`, { callSign: null })).status).toBe(400);
    expect((await send('PATCH', `/api/admin/users/${user.id}`, { callSign: 'MET-IO-01' })).status).toBe(400); // the test officer holds it
    await server.app.auth.updateUser((await server.app.auth.findUserByName('test.officer'))!.id, { callSign: null });
    expect((await send('PATCH', `/api/admin/users/${user.id}`, { callSign: 'MET-IO-01' })).status).toBe(200);
    // Disabling needs no call-sign check: an account made before links existed can still be disabled.
    const old = await server.app.auth.createUser({ username: 'io.old', passwordHash: 'x', role: 'officer', regions: ['Metropolitan Police'], createdAt: Date.now() });
    expect((await send('PATCH', `/api/admin/users/${old.id}`, { disabled: true })).status).toBe(200);

    const links = (await server.app.auth.listAudit({ action: 'user.call_sign_linked', limit: 10 })).map((e) => [e.subject, e.detail]).reverse();
    expect(links).toEqual([
      ['io.ice', { callSign: 'MET-ICE-01', previous: null }],
      ['io.ice', { callSign: 'MET-IO-01', previous: 'MET-ICE-01' }],
    ]);
  });
});

describe('npm run user:add -- <username> officer <region> --call-sign <CALL-SIGN>', () => {
  it('refuses a call sign in another region, and links one in the region (audited)', async () => {
    const dbPath = tempDbPath();
    const run = (...args: string[]) => runUserAdd(dbPath, ...args);
    const elsewhere = await run('io.seven', 'officer', 'Metropolitan Police', '--call-sign', 'WMP-ICE-01');
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.out).toMatch(/WMP-ICE-01 works in West Midlands Police/);
    const missing = await run('io.seven', 'officer', 'Metropolitan Police');
    expect([missing.code, /call sign on the roster/.test(missing.out)]).toEqual([2, true]);
    const made = await run('io.seven', 'officer', 'Metropolitan Police', '--call-sign', 'MET-IO-07');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/call sign MET-IO-07/);
    const store = new SqliteStore({ path: dbPath });
    const auth = store.authStore();
    expect(await auth.findUserByName('io.seven')).toMatchObject({ role: 'officer', regions: ['Metropolitan Police'], callSign: 'MET-IO-07' });
    expect((await auth.listAudit({ action: 'user.call_sign_linked', limit: 5 }))[0]).toMatchObject({ actor: 'console', subject: 'io.seven', detail: { callSign: 'MET-IO-07' } });
    await store.close();
  }, 90_000);
});
