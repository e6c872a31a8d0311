import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStores, type Stores } from '../../db/open-stores.js';
import { silentLogger } from '../../server/log.js';
import { createTestDatabase, sqlOn } from '../support/pg.js';
import { booked, logged, reference } from '../support/reference.js';

const sqlitePath = () => join(mkdtempSync(join(tmpdir(), 'nexus-')), 'nexus.db');

describe('openStores without a database URL', () => {
  it('opens the embedded SQLite store, with no listener and a leader that leads once started', async () => {
    const stores = await openStores({ sqlitePath: sqlitePath(), synchronous: 'NORMAL', log: silentLogger });
    expect(stores.kind).toBe('sqlite');
    expect('listener' in stores).toBe(false);
    await stores.store.ping();
    expect(await stores.auth.countUsers()).toBe(0);
    const changes: boolean[] = [];
    stores.leader.onChange((isLeader) => changes.push(isLeader));
    expect(stores.leader.isLeader).toBe(false);
    stores.leader.start();
    expect(stores.leader.isLeader).toBe(true);
    await stores.close();
    expect(changes).toEqual([true, false]);
  });
});

describe('openStores with a PostgreSQL URL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  it('lets two nodes start on one new database at once: migrated once, one log, one leader', async () => {
    const open = () => openStores({ databaseUrl: db.url, sqlitePath: sqlitePath(), synchronous: 'NORMAL', log: silentLogger });
    const nodes = await Promise.all([open(), open()]);
    try {
      const [a, b] = nodes.map((n) => (n.kind === 'postgres' ? n : expect.unreachable('a PostgreSQL node'))) as Extract<Stores, { kind: 'postgres' }>[];
      const migrations = readdirSync(new URL('../../db/migrations-pg', import.meta.url)).filter((f) => f.endsWith('.sql'));
      expect(await sqlOn(db.url, 'SELECT hash FROM drizzle.__drizzle_migrations')).toHaveLength(migrations.length);

      // Both save the reference data on the empty database, as both nodes' start-up does.
      await Promise.all(nodes.map((n) => n.store.saveReference(reference, new Map())));
      const heardByB: number[] = [];
      b!.listener.onSeq((seq) => heardByB.push(seq));
      await b!.listener.start();
      await a!.store.append(logged([booked('A1')]));
      await vi.waitFor(() => expect(heardByB).toEqual([1]));
      expect(await b!.store.eventsAfter(0, 10)).toHaveLength(1);

      for (const n of nodes) n.leader.start();
      await vi.waitFor(() => expect(nodes.filter((n) => n.leader.isLeader)).toHaveLength(1));
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });

  it('rejects, rather than half starting, when the database cannot be reached', async () => {
    const url = new URL(db.url);
    url.pathname = '/no_such_database';
    await expect(openStores({ databaseUrl: url.toString(), sqlitePath: sqlitePath(), synchronous: 'NORMAL', log: silentLogger })).rejects.toThrow(/does not exist/);
  });
});
