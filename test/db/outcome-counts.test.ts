import { afterAll, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../protocol/index.js';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgStore } from '../../db/pg-store.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { EventStore } from '../../db/store.js';
import { countRecords, sortedCounts } from '../../server/domain/index.js';
import { silentLogger } from '../../server/log.js';
import { backfillReadModels } from '../../server/live/read-model-backfill.js';
import { createTestDatabase } from '../support/pg.js';
import { booked, checked, HOUR, logged, publishedV1, reference, released } from '../support/reference.js';

const MARCH = Date.parse('2026-03-10T10:00:00Z');
const MAY = Date.parse('2026-05-12T10:00:00Z');
const outcome = (custodyRef: string, o: Extract<LoggedEvent, { type: 'outcome.recorded' }>['data']['outcome']) =>
  ({ type: 'outcome.recorded', data: { custodyRef, outcome: o } }) as const;

/** Papers served in March and a removal in May for one case; no further action in March for another. */
const LOG: LoggedEvent[] = [
  ...logged([publishedV1(), booked('A1', 'met-brixton', MARCH), checked('A1'), outcome('A1', 'papers_served'), released('A1')], 1, MARCH),
  ...logged([booked('B2', 'met-croydon', MARCH + HOUR), released('B2'), outcome('B2', 'no_further_action')], 6, MARCH + HOUR),
  ...logged([outcome('A1', 'removed_or_deported')], 9, MAY),
];

function outcomeCountsContract(name: string, open: () => Promise<{ store: EventStore; done: () => Promise<void> }>) {
  describe(`outcomes in the reports' read model on ${name}`, () => {
    it('counts every outcome on its own London day, several for one case, as a recount of the records does', async () => {
      const { store, done } = await open();
      try {
        await store.saveReference(reference, new Map());
        await store.append(LOG);
        await backfillReadModels(store, reference);
        const records = await store.caseRecords('', 100);
        const of = async (from: string, to: string) => {
          const counts = await store.periodCounts(from, to);
          expect(sortedCounts(counts).outcomes).toEqual(sortedCounts(countRecords(records, from, to)).outcomes);
          return counts.outcomes.map((o) => [o.suiteId, o.outcome, o.count]).sort();
        };
        expect(await of('2026-03-01', '2026-03-31')).toEqual([
          ['met-brixton', 'papers_served', 1],
          ['met-croydon', 'no_further_action', 1],
        ]);
        expect(await of('2026-05-01', '2026-05-31')).toEqual([['met-brixton', 'removed_or_deported', 1]]);
        expect(await of('2026-03-01', '2026-05-31')).toHaveLength(3);
        expect(records.find((r) => r.custodyRef === 'A1')).toMatchObject({ outcome: 'removed_or_deported', papersServedDay: '2026-03-10', removedDay: '2026-05-12' });
      } finally {
        await done();
      }
    });
  });
}

outcomeCountsContract('SQLite', async () => {
  const store = new SqliteStore({ path: ':memory:' });
  return { store, done: () => store.close() };
});

const dbs: { drop(): Promise<void> }[] = [];
afterAll(() => Promise.all(dbs.map((d) => d.drop())));
outcomeCountsContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  dbs.push(db);
  await migratePostgres(db.url, silentLogger);
  const store = new PgStore({ url: db.url, log: silentLogger });
  return { store, done: () => store.close() };
});
