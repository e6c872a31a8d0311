import { createLogger, type Logger } from '../server/log.js';
import type { AuthStore } from './auth-store.js';
import { SoleLeader, type Leadership } from './leadership.js';
import { PgLeader } from './pg-leader.js';
import { PgLogListener } from './pg-log-listener.js';
import { migratePostgres } from './pg-migrate.js';
import { PgStore } from './pg-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { EventStore } from './store.js';

export interface OpenStoresOptions {
  /** postgres://… joins the cluster on that database; unset, the embedded SQLite file. */
  databaseUrl?: string | undefined;
  sqlitePath: string;
  synchronous: 'NORMAL' | 'FULL';
  log?: Logger;
}

interface CommonStores {
  store: EventStore;
  auth: AuthStore;
  /** Not leading until `leader.start()`. */
  leader: Leadership;
  /** Stops the leader and the listener, then closes the store. */
  close(): Promise<void>;
}

/**
 * The stores of one node. With PostgreSQL also the log listener (not started: subscribe, then
 * `await listener.start()`, then read the log after your seq) and the leader elector.
 */
export type Stores = CommonStores & ({ kind: 'sqlite' } | { kind: 'postgres'; listener: PgLogListener });

/**
 * Opens the stores the configuration asks for. PostgreSQL is migrated first (nodes starting at
 * once take turns), so it rejects, rather than starting half ready, if the database is unreachable.
 */
export async function openStores({ databaseUrl, sqlitePath, synchronous, log = createLogger() }: OpenStoresOptions): Promise<Stores> {
  if (!databaseUrl) {
    const store = new SqliteStore({ path: sqlitePath, synchronous });
    const leader = new SoleLeader(log);
    return { kind: 'sqlite', store, auth: store.authStore(), leader, close: () => leader.stop().then(() => store.close()) };
  }
  await migratePostgres(databaseUrl, log);
  const store = new PgStore({ url: databaseUrl, log });
  const listener = new PgLogListener({ url: databaseUrl, log });
  const leader = new PgLeader({ url: databaseUrl, log });
  const close = async () => {
    await leader.stop();
    await listener.stop();
    await store.close();
  };
  return { kind: 'postgres', store, auth: store.authStore(), listener, leader, close };
}
