import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestItemInput, Snapshot } from '../../protocol/index.js';
import { PgAuthStore } from '../../db/pg-auth-store.js';
import { PgStore } from '../../db/pg-store.js';
import { ensureReference } from '../../db/reference/index.js';
import { newSecret, sha256 } from '../../server/security/secrets.js';
import { silentLogger } from '../../server/log.js';
import { sessionCookie } from '../support/auth.js';
import { REDIS_URL } from '../support/cluster.js';
import { FailoverClient } from '../support/failover-client.js';
import { spawnNode, type NodeProcess } from '../support/node-process.js';
import { createTestDatabase, sqlOn } from '../support/pg.js';

/**
 * Issue 11's failover test: PostgreSQL, Redis, two nodes as separate processes; 100 real
 * socket.io clients spread over both; a feed posting 50 facts a second; `kill -9` one node.
 * Every client comes back on the surviving node by itself (how fast is benchmark 9), holds every event exactly once and
 * in order, and ends with the server's figures; every fact acknowledged before the kill is in the
 * log. Then the killed node restarts, catches up and takes clients again.
 */
const CLIENTS = 100;
const FACTS_PER_SECOND = 50;
const SUITES = ['met-brixton', 'met-croydon', 'met-heathrow', 'wmp-perry-barr', 'gmp-bolton'];

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let nodes: NodeProcess[] = [];
let env: Record<string, string>;
let store: PgStore;
let auth: PgAuthStore;

beforeAll(async () => {
  db = await createTestDatabase();
  env = { NEXUS_DATABASE_URL: db.url, NEXUS_REDIS_URL: REDIS_URL, NEXUS_HEARTBEAT_MS: '1000', NEXUS_LOG_POLL_MS: '1000' };
  nodes = [await spawnNode({ ...env, NEXUS_NODE_ID: 'node-a' }), await spawnNode({ ...env, NEXUS_NODE_ID: 'node-b' })];
  store = new PgStore({ url: db.url, log: silentLogger });
  auth = store.authStore();
  await ensureReference(store);
}, 90_000);
afterAll(async () => {
  for (const n of nodes) await n.kill('SIGTERM');
  await store?.close();
  await db?.drop();
});


describe('losing a node costs a reconnect and nothing else', () => {
  it('kill -9 one of two nodes under load; then restart it', async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const user = await auth.createUser({ username: 'dm.failover', passwordHash: 'x', role: 'duty_manager', regions: [], createdAt: Date.now() });
    const key = newSecret();
    await auth.createIngestKey({ source: 'feed', region: null, keyHash: sha256(key), createdAt: Date.now() });

    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const client = new FailoverClient([a.url, b.url], await sessionCookie(auth, user.id), i % 2);
        await client.start();
        return client;
      }),
    );

    // The feed: 5 facts every 100 ms, to either node; a refused connection is retried on the other.
    const acked = new Set<string>();
    let sent = 0;
    let feeding = true;
    const post = async (events: IngestItemInput[]) => {
      for (let attempt = 0; attempt < 4; attempt++) {
        const target = nodes[(sent + attempt) % 2]!;
        const ok = await fetch(`${target.url}/api/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ source: 'feed', events }),
        }).then((r) => r.ok, () => false);
        if (ok) return events.forEach((e) => acked.add(e.id));
      }
    };
    const feed = (async () => {
      while (feeding) {
        const at = new Date().toISOString();
        const events = Array.from({ length: FACTS_PER_SECOND / 10 }, (): IngestItemInput => {
          const n = sent++;
          return {
            id: `f-${n}`,
            type: 'arrest.booked',
            at,
            data: { custodyRef: `FO/${n}`, suiteId: SUITES[n % SUITES.length]!, nationality: 'PL', iabsMatch: true, relevantTime: Date.now() - 60_000, offenceCategory: 'theft' },
          };
        });
        void post(events);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    await new Promise((r) => setTimeout(r, 3_000));
    const ackedBeforeKill = new Set(acked);
    const killedAt = Date.now();
    await a.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 3_000));
    feeding = false;
    await feed;
    await new Promise((r) => setTimeout(r, 500)); // the last posts' answers

    // Everyone catches up with the survivor.
    const final = await snapshotOf(b, clients[0]!.cookie);
    const until = Date.now() + 10_000;
    while (clients.some((c) => c.lastSeq !== final.seq) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));

    const failedOver = clients.filter((c) => c.resyncedAt.length > 0);
    expect(failedOver.length).toBe(CLIENTS / 2);
    // Each came back by itself, within its reconnect back-off; how fast is benchmark 9's (≤ 2 s), not a test's.
    const resync = failedOver.map((c) => c.resyncedAt[0]! - killedAt);
    expect(Math.max(...resync)).toBeLessThan(10_000);

    for (const client of clients) {
      expect(client.lastSeq).toBe(final.seq);
      const seqs = client.deltas.map((d) => d.seq);
      const first = seqs[0]!;
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => first + i)); // each once, in order, no gap
      for (const s of final.suites) expect(client.figures.get(s.id), s.id).toEqual({ inCustody: s.inCustody, pendingChecks: s.pendingChecks });
    }
    const stored = new Set((await sqlOn<{ id: string }>(db.url, "SELECT source_event_id AS id FROM events WHERE source = 'feed'")).map((r) => r.id));
    expect([...ackedBeforeKill].filter((id) => !stored.has(id))).toEqual([]);
    expect([...acked].filter((id) => !stored.has(id))).toEqual([]);
    expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(75); // the feed really flowed (about 150 sent in those 3 s)

    // The killed node comes back, catches up from the log, and takes clients again.
    const again = await spawnNode({ ...env, NEXUS_NODE_ID: 'node-a' });
    nodes[0] = again;
    const back = await snapshotOf(again, clients[0]!.cookie);
    expect(back.seq).toBe(final.seq);
    const newcomer = new FailoverClient([again.url], clients[0]!.cookie);
    await newcomer.start();
    expect(newcomer.lastSeq).toBe(final.seq);
    newcomer.close();
    for (const c of clients) c.close();
  }, 120_000);
});

async function snapshotOf(node: NodeProcess, cookie: string): Promise<Snapshot> {
  const res = await fetch(`${node.url}/api/snapshot`, { headers: { cookie } });
  return ((await res.json()) as { data: Snapshot }).data;
}
