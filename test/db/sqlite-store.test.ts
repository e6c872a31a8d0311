import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../db/sqlite-store.js';
import { authStoreContract } from './auth-store-contract.js';
import { storeContract } from './store-contract.js';
import Database from 'better-sqlite3';

storeContract('SQLite in memory', async () => new SqliteStore({ path: ':memory:' }));
storeContract('SQLite file, synchronous=FULL', async () => new SqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'nexus-')), 'nexus.db'), synchronous: 'FULL' }));
authStoreContract('SQLite in memory', async () => {
  const store = new SqliteStore({ path: ':memory:' });
  return { auth: store.authStore(), close: () => store.close() };
});

describe('SqliteStore on disk', () => {
  it('creates the folder, migrates, and runs in WAL mode', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nexus-')), 'nested', 'nexus.db');
    const store = new SqliteStore({ path });
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['checkpoints', 'events', 'officers', 'suites']));
    raw.close();
  });
});

describe('checkpoints on disk', () => {
  it('are stored gzipped, and one written as JSON text before that is still read', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nexus-')), 'nexus.db');
    const store = new SqliteStore({ path });
    const state = { seq: 3, lastEventAt: null, note: 'x'.repeat(10_000) };
    await store.saveCheckpoint(3, 1, JSON.stringify(state));
    const raw = new Database(path);
    const row = raw.prepare('SELECT state FROM checkpoints').get() as { state: unknown };
    expect(Buffer.isBuffer(row.state) && row.state.length < 1_000).toBe(true);
    expect(await store.latestCheckpoint()).toEqual(state);

    raw.prepare('UPDATE checkpoints SET state = ?').run(JSON.stringify({ ...state, seq: 4 }));
    raw.close();
    expect(await store.latestCheckpoint()).toEqual({ ...state, seq: 4 });
    await store.close();
  });
});
