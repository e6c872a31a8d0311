import { afterEach, describe, expect, it } from 'vitest';
import { signInEveryRole, grantIngest } from '../support/auth.js';
import { REDIS_URL, startNode, tcpProxy, type TestNode } from '../support/cluster.js';
import { createTestDatabase } from '../support/pg.js';
import { item, postIngest, TestClient } from '../support/server.js';

/**
 * What a node does when what it depends on goes away (issue 11, "Faults"): PostgreSQL
 * unreachable → writes answer 503 with Retry-After and nothing is half written, screens stay up
 * and recover by themselves; Redis unreachable → cross-node control degrades, the data path goes on.
 * Each service is reached through a TCP proxy the test can cut, so the real ones keep serving
 * every other test.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

async function nodeBehind(proxies: { pg?: boolean; redis?: boolean }) {
  const db = await createTestDatabase();
  cleanups.push(db.drop);
  const pgUrl = new URL(db.url);
  const pg = proxies.pg ? await tcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) }) : null;
  const redisTarget = new URL(REDIS_URL);
  const redis = proxies.redis ? await tcpProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) }) : null;
  if (pg) cleanups.push(pg.close);
  if (redis) cleanups.push(redis.close);
  const databaseUrl = pg ? pg.url('postgres', `${pgUrl.pathname}`).replace('postgres://', `postgres://${pgUrl.username}@`) : db.url;
  const node: TestNode = await startNode(databaseUrl, redis ? redis.url('redis') : REDIS_URL, 'faulty');
  cleanups.push(() => node.server.stop());
  await grantIngest(node.server.app.auth, node.url);
  const cookies = await signInEveryRole(node.server.app.auth, {});
  return { node, pg, redis, cookies };
}

const booking = (ref: string) =>
  item('arrest.booked', { custodyRef: ref, suiteId: 'met-brixton', nationality: 'PL', iabsMatch: true, relevantTime: Date.now() - 60_000, offenceCategory: 'theft' }, Date.now());

describe('PostgreSQL unreachable', () => {
  it('writes answer 503 with Retry-After and a clear message, nothing is half written, and the node recovers by itself', async () => {
    const { node, pg, cookies } = await nodeBehind({ pg: true });
    const screen = new TestClient(node.url, cookies.duty_manager);
    await screen.hello();
    expect((await postIngest(node.url, { source: 'custody', events: [booking('MP/PG/1'), item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' })] })).status).toBe(200);
    const seq = node.server.app.engine.seq;

    pg!.cut();
    const res = await fetch(`${node.url}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer whatever-key-000000000000' },
      body: JSON.stringify({ source: 'custody', events: [booking('MP/PG/2')] }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/cannot be reached/) });
    // A command from an open screen gets the same clear answer; the screen stays connected.
    const move = await screen.socket.emitWithAck('officer:assign', { officerId: 'MET-ICE-01', suiteId: 'met-croydon', reason: null });
    expect(!move.ok && move.error.code).toBe('unavailable');
    expect(screen.socket.connected).toBe(true);
    expect(node.server.app.engine.seq).toBe(seq);

    await pg!.restore();
    // The pool finds the database again on its own; the next write goes through.
    let after = await postIngest(node.url, { source: 'custody', events: [booking('MP/PG/3')] });
    for (let i = 0; i < 50 && after.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await postIngest(node.url, { source: 'custody', events: [booking('MP/PG/3')] });
    }
    expect(after.status).toBe(200);
    await screen.waitForSeq(node.server.app.engine.seq);
    expect(node.server.app.engine.state.cases.has('MP/PG/2')).toBe(false);
    screen.close();
  }, 60_000);
});

describe('Redis unreachable', () => {
  it('the data path goes on, health says Redis is degraded, and it recovers by itself', async () => {
    const { node, redis, cookies } = await nodeBehind({ redis: true });
    const screen = new TestClient(node.url, cookies.ccu_operator);
    await screen.hello();
    redis!.cut();
    const res = await postIngest(node.url, { source: 'custody', events: [booking('MP/RD/1')] });
    expect(res.status).toBe(200);
    await screen.waitForSeq(node.server.app.engine.seq);
    const readyz = await fetch(`${node.url}/readyz`);
    expect(readyz.status).toBe(200);
    const report = (await readyz.json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
    expect(report.checks.redis?.detail).toMatch(/degraded/);
    // Sign-in limits fall back to this node's own counts rather than failing.
    const login = await fetch(`${node.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody', password: 'wrong password 1' }) });
    expect(login.status).toBe(401);

    await redis!.restore();
    for (let i = 0; i < 50; i++) {
      const again = (await (await fetch(`${node.url}/readyz`)).json()) as { checks: Record<string, { detail?: string }> };
      if (again.checks.redis?.detail === undefined) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const healed = (await (await fetch(`${node.url}/readyz`)).json()) as { checks: Record<string, { detail?: string }> };
    expect(healed.checks.redis?.detail).toBeUndefined();
    screen.close();
  }, 60_000);
});
