import { DrizzleQueryError } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from '../server/log.js';
import * as schema from './pg-schema.js';
import { SeqConflict } from './store.js';

export type PgDb = NodePgDatabase<typeof schema>;

/**
 * Limits that make every call fail within seconds when PostgreSQL is unreachable, never hang.
 * The server's statement timeout comes before the client's read timeout, so a slow query is
 * ended by the server and the connection stays usable; the read timeout is for a network gone
 * silent. A node cut off inside a transaction (holding the append lock) is ended by the server.
 */
export const PG_LIMITS = {
  connectMs: 3_000,
  statementMs: 5_000,
  readMs: 7_000,
  idleInTransactionMs: 5_000,
} as const;

/**
 * Server-side TCP keepalives (about 11 s to notice a silent peer), so the session-level locks of a
 * node cut off from the network (leadership) are released and another node can take over.
 */
const SERVER_KEEPALIVES = '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3';

/** Per-connection limits: the server's statement timeout and the client's wait for a reply (0: none). */
export interface ConnectionLimits {
  statementMs: number;
  readMs: number;
}

const POOLED: ConnectionLimits = { statementMs: PG_LIMITS.statementMs, readMs: PG_LIMITS.readMs };

/**
 * Settings for every connection the app opens. `applicationName` shows in pg_stat_activity
 * (nexus-store, nexus-listener, nexus-leader, nexus-migrate). Parameters in the URL win.
 */
export function pgConfig(url: string, applicationName: string, limits: ConnectionLimits = POOLED): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: applicationName,
    connectionTimeoutMillis: PG_LIMITS.connectMs,
    statement_timeout: limits.statementMs,
    query_timeout: limits.readMs || undefined,
    idle_in_transaction_session_timeout: PG_LIMITS.idleInTransactionMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 5_000,
    options: SERVER_KEEPALIVES,
  };
}

/**
 * A pool whose connections can fail without taking the process down: node-postgres emits 'error'
 * on a client whose connection dies, and an 'error' nobody listens to is an uncaught exception.
 * The pool listens for idle clients; each client also gets a listener of its own for the time it
 * is checked out.
 */
export function createPool(url: string, applicationName: string, log: Logger, max = 10): pg.Pool {
  const pool = new pg.Pool({ ...pgConfig(url, applicationName), max });
  pool.on('error', (error) => log.warn('pg.pool_error', { app: applicationName, message: error.message }));
  pool.on('connect', (client) => client.on('error', (error) => log.warn('pg.client_error', { app: applicationName, message: error.message })));
  return pool;
}

/** A connection of its own (LISTEN, leadership, migrations), whose failures are logged, never thrown at the process. */
export function dedicatedClient(url: string, applicationName: string, log: Logger, limits?: ConnectionLimits): pg.Client {
  const client = new pg.Client(pgConfig(url, applicationName, limits));
  client.on('error', (error) => log.warn('pg.client_error', { app: applicationName, message: error.message }));
  return client;
}

/**
 * Ends a connection, waiting at most `waitMs`: on a dead network the goodbye is never answered.
 * Never rejects; ending the session releases its locks on the server.
 */
export async function endClient(client: pg.Client, waitMs = 1_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.end().catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
}

/**
 * The error a caller should see: drizzle wraps driver errors in a message that lists the query's
 * parameters (custody references among them), which must not reach the logs.
 */
export function plainError(error: unknown): unknown {
  return error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause : error;
}

/** Awaits a query, rethrowing its error as plainError does. */
export async function plain<T>(query: PromiseLike<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    throw plainError(error);
  }
}

/**
 * Runs `work` in one transaction on a pooled connection. When the server answered (its own error,
 * or our SeqConflict after reading its reply) the transaction is rolled back and the connection
 * kept; any other failure (a timeout, a dead socket) throws the connection away, which ends the
 * transaction on the server, because a connection still waiting for a reply cannot be reused.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: PgDb) => Promise<T>): Promise<T> {
  const client = await plain(pool.connect());
  try {
    await client.query('BEGIN');
    const result = await work(drizzle({ client, schema }));
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (caught) {
    const error = plainError(caught);
    const answered = error instanceof SeqConflict || error instanceof pg.DatabaseError;
    const rolledBack = answered && (await client.query('ROLLBACK').then(() => true, () => false));
    client.release(!rolledBack);
    throw error;
  }
}
