import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../protocol/index.js';
import type { AuthStore } from '../../db/auth-store.js';
import { verifyChain } from '../../db/audit-chain.js';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgStore } from '../../db/pg-store.js';
import { PSEUDONYM_PREFIX } from '../../db/retention.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { EventStore } from '../../db/store.js';
import { ManualClock } from '../../server/clock.js';
import { serialiseState } from '../../server/domain/index.js';
import { LiveEngine } from '../../server/live/engine.js';
import { backfillReadModels } from '../../server/live/read-model-backfill.js';
import { silentLogger } from '../../server/log.js';
import { runRetention } from '../../server/retention/run-retention.js';
import { createTestDatabase, sqlOn } from '../support/pg.js';
import { booked, checked, HOUR, logged, publishedV1, reference, released } from '../support/reference.js';

const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-03T12:00:00Z');
type Fact = Parameters<typeof logged>[0][number];

/** Two cases three years old (one with an acknowledged alert and an outcome), one last week. */
function history(): LoggedEvent[] {
  const old = NOW - 3 * 365 * DAY;
  const recent = NOW - 7 * DAY;
  const caseFacts = (ref: string): Fact[] => [booked(ref, 'met-brixton'), checked(ref), released(ref)];
  return [
    ...logged(
      [
        publishedV1(),
        booked('01MP/0001/23', 'met-brixton'),
        checked('01MP/0001/23'),
        // Acknowledged while the alert was in force (the release forgets it).
        { type: 'alert.acknowledged', data: { alertId: 'pace_running_out:01MP/0001/23', note: null } },
        released('01MP/0001/23'),
        { type: 'outcome.recorded', data: { custodyRef: '01MP/0001/23', outcome: 'papers_served' } },
        ...caseFacts('01MP/0002/23'),
      ],
      1,
      old,
    ),
    ...logged(caseFacts('01MP/0003/26'), 10, recent),
  ].map((e) => (e.type === 'arrest.booked' ? { ...e, data: { ...e.data, relevantTime: e.at } } : e));
}

interface Backend {
  store: () => EventStore;
  auth: (store: EventStore) => AuthStore;
  /** Every text value in the database's tables that mentions `needle`. */
  mentions: (needle: string) => Promise<number>;
  close?: () => Promise<void>;
}

function retentionContract(name: string, setUp: () => Promise<Backend>) {
  describe(`retention on ${name}`, () => {
    let backend: Backend;
    let store: EventStore;
    let before: string;
    let timelineBefore: LoggedEvent[];
    beforeAll(async () => {
      backend = await setUp();
      store = backend.store();
      await store.saveReference(reference, new Map());
      await store.append(history());
      expect(await backfillReadModels(store, reference)).toBe(3); // the reports' read model holds the three cases
      const engine = await LiveEngine.open({ store, clock: new ManualClock(NOW), reference });
      await engine.close(); // writes a checkpoint
      before = JSON.stringify(serialiseState(engine.state));
      timelineBefore = await store.eventsForCase('01MP/0001/23');
    });
    afterAll(async () => {
      await store.close();
      await backend.close?.();
    });

    it('replaces the old cases\' references everywhere, keeps the recent case, and audits the run', async () => {
      const auth = backend.auth(store);
      const run = await runRetention({ store, auth, now: NOW, retentionDays: 730, actor: 'console:tester' });
      expect(run.cutoffDay).toBe('2024-12-03');
      expect(run.counts).toMatchObject({ cases: 2, events: 7, alertAcknowledgements: 1, readModels: { case_states: 2 } });
      expect(await backend.mentions('01MP/0001/23')).toBe(0);
      expect(await backend.mentions('01MP/0002/23')).toBe(0);
      expect(await backend.mentions('01MP/0003/26')).toBeGreaterThan(0);
      const audit = await auth.allAudit();
      expect(audit.at(-1)).toMatchObject({ actor: 'console:tester', action: 'retention.pseudonymised', detail: { retentionDays: 730, cases: 2, events: 7 } });
      expect(verifyChain(audit).brokenAt).toBeNull();
    });

    it('keeps each timeline whole under one pseudonym, with the same facts at the same times', async () => {
      const log = await store.eventsAfter(0, 100);
      expect(log).toHaveLength(history().length);
      const refs = new Set(log.flatMap((e) => ('custodyRef' in e.data ? [e.data.custodyRef] : [])));
      expect([...refs].filter((r) => r.startsWith(PSEUDONYM_PREFIX))).toHaveLength(2);
      const booking = log.find((e) => e.type === 'arrest.booked')!;
      const pseudonym = (booking.data as { custodyRef: string }).custodyRef;
      const timeline = await store.eventsForCase(pseudonym);
      expect(timeline.map((e) => [e.seq, e.type, e.at])).toEqual(timelineBefore.map((e) => [e.seq, e.type, e.at]));
      const ack = log.find((e) => e.type === 'alert.acknowledged')!;
      expect(ack.data).toEqual({ alertId: `pace_running_out:${pseudonym}`, note: null });
    });

    it('leaves the live state as it was, after a restart from the log', async () => {
      const engine = await LiveEngine.open({ store, clock: new ManualClock(NOW), reference });
      expect(JSON.stringify(serialiseState(engine.state))).toBe(before);
    });

    it('changes nothing when run again', async () => {
      const run = await runRetention({ store, auth: backend.auth(store), now: NOW, retentionDays: 730, actor: 'console:tester' });
      expect(run.counts).toMatchObject({ cases: 0, events: 0 });
    });
  });
}

retentionContract('SQLite', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'nexus-')), 'nexus.db');
  return {
    store: () => new SqliteStore({ path }),
    auth: (s) => (s as SqliteStore).authStore(),
    mentions: async (needle) => {
      const db = new Database(path, { readonly: true });
      try {
        const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
        const text = tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
        return occurrences(text + (await checkpointText(new SqliteStore({ path }))), needle);
      } finally {
        db.close();
      }
    },
  };
});

retentionContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  await migratePostgres(db.url, silentLogger);
  return {
    store: () => new PgStore({ url: db.url, log: silentLogger }),
    auth: (s) => (s as PgStore).authStore(),
    mentions: async (needle) => {
      const tables = await sqlOn<{ name: string }>(db.url, `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
      let text = '';
      for (const { name } of tables) text += (await sqlOn<{ row: string }>(db.url, `SELECT t::text AS row FROM "${name}" t`)).map((r) => r.row).join('\n');
      return occurrences(text + (await checkpointText(new PgStore({ url: db.url, log: silentLogger }))), needle);
    },
    close: () => db.drop(),
  };
});

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** The stored checkpoint decoded (it is gzipped in its table), then the store closed. */
async function checkpointText(store: EventStore): Promise<string> {
  try {
    return JSON.stringify(await store.latestCheckpoint());
  } finally {
    await store.close();
  }
}
