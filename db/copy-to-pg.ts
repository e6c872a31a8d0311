import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { asc, count, desc, getTableColumns, getTableName, gt, is, max, sql } from 'drizzle-orm';
import { drizzle as sqliteDrizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { PgTable, type PgInsertValue } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import { silentLogger } from '../server/log.js';
import { ChainVerifier } from './audit-chain.js';
import { entry } from './auth-rows.js';
import type { EventRow } from './event-rows.js';
import { createPool, inTransaction, type PgDb } from './pg-connection.js';
import { migratePostgres } from './pg-migrate.js';
import * as pgSchema from './pg-schema.js';
import * as liteSchema from './schema.js';
import { SqliteStore } from './sqlite-store.js';

type Lite = BetterSQLite3Database<typeof liteSchema>;
type Row = Record<string, unknown>;

/** One table to copy: the same table in both schemas, read in pages in order of its key. */
interface Copied {
  from: SQLiteTable;
  to: PgTable;
  key: string;
  /** Whether its key is an identity, whose sequence must continue after the copied rows. */
  identity?: true;
}

/**
 * What is copied, parents before children. Sessions are not: everyone signs in again on the
 * cluster. Nor are the read models: they are the log's fold, rebuilt on the first start. The checkpoint is (a cache, but it spares the first node a replay of the whole log).
 */
const COPIED: readonly Copied[] = [
  { from: liteSchema.suites, to: pgSchema.suites, key: 'id' },
  { from: liteSchema.officers, to: pgSchema.officers, key: 'id' },
  { from: liteSchema.users, to: pgSchema.users, key: 'id', identity: true },
  { from: liteSchema.kiosks, to: pgSchema.kiosks, key: 'id', identity: true },
  { from: liteSchema.ingestKeys, to: pgSchema.ingestKeys, key: 'id', identity: true },
  { from: liteSchema.events, to: pgSchema.events, key: 'seq' },
  { from: liteSchema.checkpoints, to: pgSchema.checkpoints, key: 'seq' },
  { from: liteSchema.audit, to: pgSchema.audit, key: 'id', identity: true },
  { from: liteSchema.securityLog, to: pgSchema.securityLog, key: 'id', identity: true },
];

/** Rows a page: small enough for PostgreSQL's 65,535 parameters a statement and for memory. */
const PAGE = 1_000;

export class TargetNotEmpty extends Error {
  constructor(readonly tables: string[]) {
    super(`The target database is not empty (rows in ${tables.join(', ')}); copy only into a new, empty database.`);
  }
}

/** One comparison of the source with the copy. */
export interface Check {
  what: string;
  source: string | number;
  target: string | number;
  ok: boolean;
}

/**
 * Copies an SQLite database into an empty PostgreSQL one, in one transaction, a page at a time:
 * reference data, users, kiosks, ingest keys, the event log with its sequence numbers, the
 * checkpoint, the audit chain with its hashes and the security log. Then recounts both sides
 * (verifyCopy). The SQLite file is first brought up to the current schema, as `npm start` would.
 * Stop the node that writes to the file first (or copy a backup of it).
 */
export async function copySqliteToPg(sqlitePath: string, pgUrl: string): Promise<Check[]> {
  if (!existsSync(sqlitePath)) throw new Error(`No SQLite database at ${sqlitePath}`);
  await new SqliteStore({ path: sqlitePath }).close();
  await migratePostgres(pgUrl, silentLogger);
  await withBoth(sqlitePath, pgUrl, async (lite, pool) => {
    const target = pgDrizzle({ client: pool, schema: pgSchema });
    const nonEmpty = (await Promise.all(Object.values(pgSchema).filter((t) => is(t, PgTable)).map(async (t) => [getTableName(t), await rows(target, t)] as const)))
      // A migrated database holds the read models' starting position; they are not copied: the
      // first node folds them from the copied log (server/live/read-model-backfill.ts).
      .filter(([name, n]) => n > 0 && name !== getTableName(pgSchema.readModelPositions))
      .map(([name]) => name);
    if (nonEmpty.length) throw new TargetNotEmpty(nonEmpty);
    await inTransaction(pool, async (tx) => {
      for (const table of COPIED) await copyTable(lite, tx, table);
    });
  });
  return verifyCopy(sqlitePath, pgUrl);
}

async function copyTable(lite: Lite, tx: PgDb, { from, to, key, identity }: Copied): Promise<void> {
  const keyColumn = getTableColumns(from)[key]!;
  for (let after: unknown = null; ; ) {
    const page = lite
      .select()
      .from(from)
      .where(after === null ? undefined : gt(keyColumn, after))
      .orderBy(asc(keyColumn))
      .limit(PAGE)
      .all() as Row[];
    if (page.length === 0) break;
    // The two schemas give every column the same name and TypeScript type (tested).
    await tx.insert(to).values(page.map(asPg) as PgInsertValue<PgTable>[]);
    after = page.at(-1)![key];
  }
  if (identity) {
    const name = getTableName(to);
    await tx.execute(sql`select setval(pg_get_serial_sequence(${name}, ${key}), coalesce(max(${sql.identifier(key)}), 0) + 1, false) from ${to}`);
  }
}

/** A blob read from SQLite may be text (a checkpoint from before compression): bytea wants bytes. */
const asPg = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && k === 'state' ? Buffer.from(v) : v]));

/**
 * Recounts the source and the copy: rows of every copied table, the event log's count, last seq,
 * counts per type and a SHA-256 over every event in seq order (each side read in pages), and the
 * audit chain verified on the copy, ending at the source's last hash.
 */
export async function verifyCopy(sqlitePath: string, pgUrl: string): Promise<Check[]> {
  return withBoth(sqlitePath, pgUrl, async (lite, pool) => {
    const target = pgDrizzle({ client: pool, schema: pgSchema });
    const checks: Check[] = [];
    const compare = (what: string, source: string | number, copy: string | number) => checks.push({ what, source, target: copy, ok: source === copy });

    for (const { from, to } of COPIED) compare(`rows in ${getTableName(to)}`, rowsLite(lite, from), await rows(target, to));
    const lastLite = lite.select({ last: max(liteSchema.events.seq) }).from(liteSchema.events).get()?.last ?? 0;
    const [lastPg] = await target.select({ last: max(pgSchema.events.seq) }).from(pgSchema.events);
    compare('last seq', lastLite, lastPg?.last ?? 0);

    const typesLite = lite.select({ type: liteSchema.events.type, n: count() }).from(liteSchema.events).groupBy(liteSchema.events.type).all();
    const typesPg = await target.select({ type: pgSchema.events.type, n: count() }).from(pgSchema.events).groupBy(pgSchema.events.type);
    const perType = new Map(typesPg.map((t) => [t.type, t.n]));
    for (const { type, n } of typesLite) compare(`events of type ${type}`, n, perType.get(type) ?? 0);
    if (typesPg.length !== typesLite.length) compare('event types', typesLite.length, typesPg.length);

    compare(
      'SHA-256 of the log',
      await logDigest(async (after) => lite.select().from(liteSchema.events).where(gt(liteSchema.events.seq, after)).orderBy(asc(liteSchema.events.seq)).limit(PAGE).all()),
      await logDigest((after) => target.select().from(pgSchema.events).where(gt(pgSchema.events.seq, after)).orderBy(asc(pgSchema.events.seq)).limit(PAGE)),
    );

    const chain = new ChainVerifier();
    for (let after = 0; ; ) {
      const page = await target.select().from(pgSchema.audit).where(gt(pgSchema.audit.id, after)).orderBy(asc(pgSchema.audit.id)).limit(PAGE);
      if (page.length === 0) break;
      chain.add(page.map(entry));
      after = page.at(-1)!.id;
    }
    const { brokenAt } = chain.result;
    compare('audit chain on the copy', 'verifies', brokenAt === null ? 'verifies' : `broken at entry ${brokenAt}`);
    const lastHash = lite.select({ hash: liteSchema.audit.hash }).from(liteSchema.audit).orderBy(desc(liteSchema.audit.id)).limit(1).get()?.hash;
    if (lastHash) compare('last audit hash', lastHash, chain.lastHash);
    return checks;
  });
}

/** SHA-256 over every event row, in seq order, read a page at a time. */
async function logDigest(page: (after: number) => Promise<EventRow[]>): Promise<string> {
  const hash = createHash('sha256');
  for (let rows = await page(0); rows.length > 0; rows = await page(rows.at(-1)!.seq)) {
    for (const r of rows) hash.update(JSON.stringify([r.seq, r.type, r.at, r.recordedAt, r.actor, r.source, r.sourceEventId, r.custodyRef, r.data]) + '\n');
  }
  return hash.digest('hex');
}

const rowsLite = (lite: Lite, table: SQLiteTable): number => lite.select({ n: count() }).from(table).get()?.n ?? 0;
async function rows(target: PgDb, table: PgTable): Promise<number> {
  const [row] = await target.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

async function withBoth<T>(sqlitePath: string, pgUrl: string, work: (lite: Lite, pool: pg.Pool) => Promise<T>): Promise<T> {
  const file = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  const pool = createPool(pgUrl, 'nexus-copy', silentLogger, 2);
  try {
    return await work(sqliteDrizzle({ client: file, schema: liteSchema }), pool);
  } finally {
    file.close();
    await pool.end();
  }
}
