import { createServer, type AddressInfo, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../protocol/index.js';
import { verifyChain } from '../../db/audit-chain.js';
import type { PgAuthStore } from '../../db/pg-auth-store.js';
import { PG_LOCK } from '../../db/pg-locks.js';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgStore } from '../../db/pg-store.js';
import { SeqConflict } from '../../db/store.js';
import { silentLogger } from '../../server/log.js';
import { appendRenumbering } from '../support/blind-writer.js';
import { createTestDatabase, emptyDatabase, sqlOn, terminateBackends } from '../support/pg.js';
import { booked, logged, reference, T0 } from '../support/reference.js';
import { authStoreContract } from './auth-store-contract.js';
import { storeContract } from './store-contract.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
  await migratePostgres(db.url, silentLogger);
});
afterAll(() => db.drop());

/** A store on this file's database, emptied first: every test starts from nothing. */
async function freshStore(): Promise<PgStore> {
  await emptyDatabase(db.url);
  return new PgStore({ url: db.url, log: silentLogger });
}

storeContract('PostgreSQL', freshStore);
authStoreContract('PostgreSQL', async () => {
  const store = await freshStore();
  return { auth: store.authStore(), close: () => store.close() };
});

describe('PgStore with several nodes writing at once', () => {
  const nodes: PgStore[] = [];
  /** A store with a pool of its own, as another node would have. */
  const node = () => {
    const store = new PgStore({ url: db.url, log: silentLogger, poolSize: 2 });
    nodes.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((s) => s.close()));
  });

  it('keeps one gap-free sequence, and a reader polling the log never sees seq N+1 before N', async () => {
    const reader = await freshStore();
    nodes.push(reader);
    await reader.saveReference(reference, new Map());
    let conflicts = 0;
    let writing = true;

    /** Appends `batches` batches of 1–3 facts, renumbering after each conflict. */
    const write = async (store: PgStore, w: number, batches: number) => {
      let last = await store.lastSeq();
      for (let b = 0; b < batches; b++) {
        const facts = Array.from({ length: 1 + (b % 3) }, (_, i) => booked(`W${w}-${b}-${i}`));
        const appended = await appendRenumbering(store, facts, last, `w${w}`, b);
        last = appended.last;
        conflicts += appended.conflicts;
      }
    };
    const seen: LoggedEvent[] = [];
    const read = async () => {
      while (writing || seen.length < (await reader.lastSeq())) {
        const page = await reader.eventsAfter(seen.at(-1)?.seq ?? 0, 1_000);
        for (const e of page) {
          if (e.seq !== seen.length + 1) throw new Error(`the reader saw seq ${e.seq} after ${seen.length}`);
          seen.push(e);
        }
      }
    };

    const writes = Promise.all([1, 2, 3].map((w) => write(node(), w, 40))).finally(() => (writing = false));
    for (const outcome of await Promise.allSettled([writes, read()])) {
      if (outcome.status === 'rejected') throw outcome.reason;
    }

    expect(conflicts).toBeGreaterThan(0);
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: 3 * (14 * 1 + 13 * 2 + 13 * 3) }, (_, i) => i + 1));
    expect(await reader.eventsAfter(0, 10_000)).toEqual(seen);
    // Each writer's facts are all there, once, in the order it wrote them.
    for (const w of [1, 2, 3]) {
      const mine = seen.filter((e) => e.actor === `w${w}`).map((e) => (e.data as { custodyRef: string }).custodyRef);
      expect(mine).toEqual(Array.from({ length: 40 }, (_, b) => Array.from({ length: 1 + (b % 3) }, (_, i) => `W${w}-${b}-${i}`)).flat());
    }
  });

  it('keeps one audit chain that verifies when two nodes append at once', async () => {
    await emptyDatabase(db.url);
    const [a, b] = [node().authStore(), node().authStore()];
    const append = async (auth: PgAuthStore, actor: string) => {
      for (let n = 0; n < 30; n++) {
        await auth.appendAudit({ at: new Date(T0 + n).toISOString(), actor, role: 'admin', action: 'audit.view', subject: null, detail: { n }, ip: null });
      }
    };
    await Promise.all([append(a, 'node-a'), append(b, 'node-b')]);
    const chain = await a.allAudit();
    expect(new Set(chain.map((e) => e.actor))).toEqual(new Set(['node-a', 'node-b']));
    expect(verifyChain(chain)).toEqual({ brokenAt: null, checked: 60 });
  });
});

describe('PgStore storage details', () => {
  let store: PgStore | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
  });

  it('stores checkpoints gzipped in bytea', async () => {
    store = await freshStore();
    const state = { seq: 3, lastEventAt: null, note: 'x'.repeat(10_000) };
    await store.saveCheckpoint(3, 1, JSON.stringify(state));
    const [row] = await sqlOn<{ state: Buffer }>(db.url, 'SELECT state FROM checkpoints');
    expect(row!.state.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(row!.state.length).toBeLessThan(1_000);
    expect(await store.latestCheckpoint()).toEqual(state);
  });

  it('tells listeners of a committed append only, with its last seq', async () => {
    store = await freshStore();
    await store.saveReference(reference, new Map());
    const heard: string[] = [];
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
    await listener.query('LISTEN nexus_log');
    try {
      await store.append(logged([booked('A1'), booked('A2')]));
      await expect(store.append(logged([booked('A3')], 7))).rejects.toBeInstanceOf(SeqConflict);
      await expect(store.append(logged([booked('A3')], 3).map((e) => ({ ...e, sourceEventId: 't-1' })))).rejects.toThrow();
      await store.append(logged([booked('A4')], 3));
      await vi.waitFor(() => expect(heard).toHaveLength(2));
      // Refused batches said nothing: notifications arrive in commit order, so theirs would show here.
      expect(heard).toEqual(['nexus_log:2', 'nexus_log:3']);
    } finally {
      await listener.end();
    }
  });
});

describe('PgStore when PostgreSQL is unreachable or drops connections', () => {
  /** One call of every EventStore method, and of the auth store on the same pool. */
  const everyCall = (s: PgStore): Record<string, () => Promise<unknown>> => ({
    loadReference: () => s.loadReference(),
    saveReference: () => s.saveReference(reference, new Map()),
    append: () => s.append(logged([booked('A1')])),
    eventsAfter: () => s.eventsAfter(0, 10),
    eventsForCase: () => s.eventsForCase('A1'),
    eventsOfTypes: () => s.eventsOfTypes(['arrest.booked'], 0, T0),
    lastSeq: () => s.lastSeq(),
    findSourceEvents: () => s.findSourceEvents('test', ['t-1']),
    saveCheckpoint: () => s.saveCheckpoint(1, 1, '{}'),
    latestCheckpoint: () => s.latestCheckpoint(),
    ping: () => s.ping(),
    'auth.findSession': () => s.authStore().findSession('token'),
    'auth.appendAudit': () => s.authStore().appendAudit({ at: 'x', actor: 'a', role: 'admin', action: 'y', subject: null, detail: {}, ip: null }),
  });

  /** Runs every call at once; each must reject, all within `withinMs`. */
  async function expectEveryCallRejects(store: PgStore, withinMs: number) {
    const started = Date.now();
    const outcomes = await Promise.all(Object.entries(everyCall(store)).map(async ([name, call]) => [name, await call().then(() => 'resolved', () => 'rejected')]));
    expect(Object.fromEntries(outcomes)).toEqual(Object.fromEntries(Object.keys(everyCall(store)).map((name) => [name, 'rejected'])));
    expect(Date.now() - started).toBeLessThan(withinMs);
  }

  it('rejects every call at once when nothing listens at the address', async () => {
    const port = await freePort();
    const store = new PgStore({ url: `postgres://postgres@127.0.0.1:${port}/nexus`, log: silentLogger });
    await expectEveryCallRejects(store, 5_000);
    await store.close();
  });

  it('rejects every call within seconds when the server accepts connections and never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const store = new PgStore({ url: `postgres://postgres@127.0.0.1:${port}/nexus`, log: silentLogger });
    try {
      await expectEveryCallRejects(store, 10_000);
    } finally {
      await store.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('logs a connection dropped while idle in the pool, and carries on with a new one', async () => {
    const warnings: string[] = [];
    const store = new PgStore({ url: db.url, log: { ...silentLogger, warn: (event) => warnings.push(event) } });
    try {
      await store.ping();
      await terminateBackends(db.url, "application_name = 'nexus-store'");
      await vi.waitFor(() => expect(warnings).toContain('pg.pool_error'));
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('rejects an append whose connection is dropped mid-transaction, logs it, and appends again after', async () => {
    await emptyDatabase(db.url);
    const warnings: string[] = [];
    const store = new PgStore({ url: db.url, log: { ...silentLogger, warn: (event) => warnings.push(event) } });
    // Another node holds the append lock, so our append waits inside its transaction.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1::bigint)', [PG_LOCK.append]);
      const waiting = store.append(logged([booked('A1')])).then(() => 'stored', (error: unknown) => error);
      await vi.waitFor(async () => expect(await terminateBackends(db.url, "application_name = 'nexus-store' AND wait_event_type = 'Lock'")).toBe(1));
      expect(await waiting).toMatchObject({ code: '57P01' }); // terminated by an administrator
      await other.query('ROLLBACK');
      expect(warnings).toContain('pg.client_error');
      await store.append(logged([booked('A1')]));
      expect(await store.lastSeq()).toBe(1);
    } finally {
      await other.end();
      await store.close();
    }
  });
});

/** A port nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
