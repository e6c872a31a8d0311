import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createLogger, type Logger } from '../server/log.js';
import { dedicatedClient, endClient, plain } from './pg-connection.js';
import { PG_LOCK } from './pg-locks.js';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations-pg');

/**
 * Brings the database's schema up to date (db/migrations-pg). Nodes starting at once take turns
 * on a session-level advisory lock, so one migrates and the others then find nothing to do.
 * No statement timeout here: a migration on a large table may take a while.
 */
export async function migratePostgres(url: string, log: Logger = createLogger()): Promise<void> {
  const client = dedicatedClient(url, 'nexus-migrate', log, { statementMs: 0, readMs: 0 });
  await plain(client.connect());
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [PG_LOCK.migrate]);
    await plain(migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS }));
  } finally {
    // Ending the session releases the lock, whatever happened.
    await endClient(client);
  }
}
