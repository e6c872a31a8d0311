import { randomBytes } from 'node:crypto';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from '../../db/pg-schema.js';

/** The maintenance database where test databases are created and dropped. */
export const ADMIN_URL = process.env.NEXUS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const admin = <T>(work: (client: pg.Client) => Promise<T>) => withClient(ADMIN_URL, work);

/**
 * A new, empty database with a random name, for one test file; `drop()` removes it (and ends any
 * connection a test left open). No test ever sees another test's data.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `nexus_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** Every table of db/pg-schema.ts. */
const TABLES = Object.values(schema)
  .filter((t) => is(t, PgTable))
  .map((t) => `"${getTableName(t)}"`);

/** Empties every table of a migrated test database and restarts its identities (between tests). */
export async function emptyDatabase(url: string): Promise<void> {
  await withClient(url, (c) => c.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`));
}

/** Runs one statement on a database, for tests that look at or break things behind a store's back. */
export function sqlOn<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  return withClient(url, async (c) => (await c.query<R>(text, values)).rows);
}

const nameOf = (url: string) => new URL(url).pathname.slice(1);

/** Shuts a test database to new connections (as if PostgreSQL were down for it), or opens it again. */
export async function allowConnections(url: string, allow: boolean): Promise<void> {
  await sqlOn(ADMIN_URL, `ALTER DATABASE "${nameOf(url)}" ALLOW_CONNECTIONS ${allow}`);
}

/**
 * Ends a test database's backends that match `where` (over pg_stat_activity), as a crash or an
 * administrator would; how many. Works while the database refuses new connections.
 */
export async function terminateBackends(url: string, where: string): Promise<number> {
  const ended = await sqlOn(ADMIN_URL, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND ${where}`, [nameOf(url)]);
  return ended.length;
}
