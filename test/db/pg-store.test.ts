import { afterAll, beforeAll } from 'vitest';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgStore } from '../../db/pg-store.js';
import { silentLogger } from '../../server/log.js';
import { createTestDatabase, emptyDatabase } from '../support/pg.js';
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
