import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../db/audit-chain.js';
import { verifyCopy } from '../../db/copy-to-pg.js';
import { PgStore } from '../../db/pg-store.js';
import * as pgSchema from '../../db/pg-schema.js';
import * as liteSchema from '../../db/schema.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import { silentLogger } from '../../server/log.js';
import { createTestDatabase, sqlOn } from '../support/pg.js';
import { booked, checked, logged, onDuty, reference, released } from '../support/reference.js';

const run = promisify(execFile);
/** The command as an operator runs it; its exit code and output. */
async function copyCommand(...args: string[]): Promise<{ code: number; out: string }> {
  const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');
  return run(tsx, ['scripts/copy-sqlite-to-pg.ts', ...args]).then(
    ({ stdout }) => ({ code: 0, out: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }),
  );
}

/** A small but complete SQLite database: every copied table has rows, and a session that is not copied. */
async function smallSqliteFile(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'nexus-')), 'nexus.db');
  const store = new SqliteStore({ path });
  const auth = store.authStore();
  await store.saveReference(reference, new Map([['met-brixton', 'https://example.test/brixton']]));
  await store.append(logged([booked('A1'), booked('B2', 'wmp-perry-barr'), onDuty('MET-IO-01'), checked('A1'), released('A1')]));
  await store.append(logged([onDuty('WMP-ICE-01')], 6).map((e) => ({ ...e, sourceEventId: null })));
  await store.saveCheckpoint(6, 1_000, JSON.stringify({ seq: 6, note: 'checkpoint' }));
  const admin = await auth.createUser({ username: 'admin', passwordHash: 'scrypt$a', role: 'admin', regions: [], createdAt: 1 });
  const dm = await auth.createUser({ username: 'dm', passwordHash: 'scrypt$b', role: 'duty_manager', regions: ['Metropolitan Police'], createdAt: 2 });
  await auth.updateUser(dm.id, { disabled: true });
  const wall = await auth.createKiosk({ name: 'JOC wall', regions: [], tokenHash: 'device-1', createdAt: 3, enrolExpiresAt: 1_000 });
  await auth.revokeKiosk(wall.id);
  await auth.createIngestKey({ source: 'custody-met', region: 'Metropolitan Police', keyHash: 'key-1', createdAt: 4 });
  await auth.createSession({ tokenHash: 'session-1', userId: admin.id, kioskId: null, createdAt: 5, lastSeenAt: 5 });
  for (const action of ['user.created', 'kiosk.enrolled', 'key.issued']) {
    await auth.appendAudit({ at: new Date(1_700_000_000_000).toISOString(), actor: 'admin', role: 'admin', action, subject: null, detail: { action }, ip: '10.0.0.1' });
  }
  await auth.appendSecurity('signin.failed', '10.0.0.9', { username: 'nobody' });
  await store.close();
  return path;
}

describe('the two schemas', () => {
  it('give every table the same columns, by TypeScript name and by database name', () => {
    const shape = (t: SQLiteTable | PgTable) => Object.entries(getTableColumns(t)).map(([key, column]) => `${key}:${column.name}`);
    const lite = new Map(Object.values(liteSchema).filter((t) => is(t, SQLiteTable)).map((t) => [getTableName(t), shape(t)]));
    const pg = new Map(Object.values(pgSchema).filter((t) => is(t, PgTable)).map((t) => [getTableName(t), shape(t)]));
    expect(pg).toEqual(lite);
  });
});

describe('npm run db:copy-to-pg', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sqlitePath: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    sqlitePath = await smallSqliteFile();
  });
  afterAll(() => db.drop());

  it('copies everything into an empty database, proves it with a recount, and the cluster carries on from it', async () => {
    const { code, out } = await copyCommand(sqlitePath, db.url);
    expect(out).toContain('Copied and verified');
    expect(out).not.toContain('MISMATCH');
    expect(code).toBe(0);

    const [lite, pg] = [new SqliteStore({ path: sqlitePath }), new PgStore({ url: db.url, log: silentLogger })];
    try {
      expect(await pg.eventsAfter(0, 100)).toEqual(await lite.eventsAfter(0, 100));
      expect(await pg.lastSeq()).toBe(6);
      expect(await pg.loadReference()).toEqual(await lite.loadReference());
      expect(await pg.latestCheckpoint()).toEqual(await lite.latestCheckpoint());
      const [la, pa] = [lite.authStore(), pg.authStore()];
      expect(await pa.listUsers()).toEqual(await la.listUsers());
      expect(await pa.listKiosks()).toEqual(await la.listKiosks());
      expect(await pa.listIngestKeys()).toEqual(await la.listIngestKeys());
      expect(await pa.allAudit()).toEqual(await la.allAudit());
      expect(await pa.listSecurity(10)).toEqual(await la.listSecurity(10));
      expect(await pa.findSession('session-1')).toBeNull();

      // New rows continue after the copied ones; the chain goes on from the copied hash.
      expect((await pa.createUser({ username: 'new', passwordHash: 'scrypt$c', role: 'officer', regions: [], createdAt: 9 })).id).toBe(3);
      await pa.appendAudit({ at: new Date().toISOString(), actor: 'admin', role: 'admin', action: 'user.created', subject: 'new', detail: {}, ip: null });
      expect(verifyChain(await pa.allAudit())).toEqual({ brokenAt: null, checked: 4 });
      await pg.append(logged([booked('C3')], 7));
    } finally {
      await lite.close();
      await pg.close();
    }
  });

  it('refuses a target that is not empty, and changes nothing there', async () => {
    const before = await sqlOn(db.url, 'SELECT count(*)::int AS n FROM events');
    const { code, out } = await copyCommand(sqlitePath, db.url);
    expect(code).toBe(1);
    expect(out).toMatch(/not empty.*events/);
    expect(await sqlOn(db.url, 'SELECT count(*)::int AS n FROM events')).toEqual(before);
  });

  it('explains its arguments when they are wrong', async () => {
    expect((await copyCommand(sqlitePath)).code).toBe(2);
    expect((await copyCommand(sqlitePath, 'not-a-url')).code).toBe(2);
  });

  it('reports a copy whose events or audit chain differ from the source', async () => {
    const fresh = await createTestDatabase();
    try {
      expect((await copyCommand(sqlitePath, fresh.url)).code).toBe(0);
      await sqlOn(fresh.url, `UPDATE events SET data = replace(data, 'A1', 'A9') WHERE seq = 4`);
      await sqlOn(fresh.url, `UPDATE audit SET detail = '{"action":"edited"}' WHERE id = 2`);
      const failed = (await verifyCopy(sqlitePath, fresh.url)).filter((c) => !c.ok).map((c) => c.what);
      expect(failed).toEqual(['SHA-256 of the log', 'audit chain on the copy', 'last audit hash']);
    } finally {
      await fresh.drop();
    }
  });

  it('reads a checkpoint written as text before compression', async () => {
    const fresh = await createTestDatabase();
    const file = new Database(sqlitePath);
    file.prepare('UPDATE checkpoints SET state = ?').run(JSON.stringify({ seq: 6, note: 'text' }));
    file.close();
    try {
      expect((await copyCommand(sqlitePath, fresh.url)).code).toBe(0);
      const pg = new PgStore({ url: fresh.url, log: silentLogger });
      expect(await pg.latestCheckpoint()).toEqual({ seq: 6, note: 'text' });
      await pg.close();
    } finally {
      await fresh.drop();
    }
  });
});
