import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDay, type LoggedEvent } from '../../protocol/index.js';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgStore } from '../../db/pg-store.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { EventStore } from '../../db/store.js';
import { applyEvent, initialState, serialiseState } from '../../server/domain/index.js';
import { ManualClock } from '../../server/clock.js';
import { LiveEngine } from '../../server/live/engine.js';
import { silentLogger } from '../../server/log.js';
import { generateHistory } from '../../server/simulator/history.js';
import { createTestDatabase } from '../support/pg.js';
import { realReference } from './harness.js';

async function wholeLog(store: EventStore): Promise<LoggedEvent[]> {
  const all: LoggedEvent[] = [];
  for (let page = await store.eventsAfter(0, 50_000); page.length > 0; page = await store.eventsAfter(all.at(-1)!.seq, 50_000)) all.push(...page);
  return all;
}

const options = { reference: realReference, seed: 7, days: 2, lastDay: '2026-03-29' };

describe('generateHistory: days of simulated history straight into the store', () => {
  let first: LoggedEvent[];
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore({ path: ':memory:' });
    await store.saveReference(realReference, new Map());
    const result = await generateHistory({ ...options, store });
    expect(result.refused).toBe(0);
    first = await wholeLog(store);
  });
  afterAll(() => store.close());

  it('covers the London days asked for, the BST change included, and nothing after them', () => {
    expect(londonDay(first[0]!.at)).toBe('2026-03-28');
    expect(londonDay(first.at(-1)!.at)).toBe('2026-03-29');
    const days = new Set(first.filter((e) => e.type === 'arrest.booked').map((e) => londonDay(e.at)));
    expect([...days].sort()).toEqual(['2026-03-28', '2026-03-29']);
    expect(first.filter((e) => e.type === 'arrest.booked').length).toBeGreaterThan(500);
    expect(first.some((e) => e.type === 'outcome.recorded')).toBe(true);
  });

  it('gives the same log for the same seed, days and last day', async () => {
    const again = new SqliteStore({ path: ':memory:' });
    await again.saveReference(realReference, new Map());
    await generateHistory({ ...options, store: again });
    const second = await wholeLog(again);
    await again.close();
    expect(second.map((e) => ({ ...e, recordedAt: 0 }))).toEqual(first.map((e) => ({ ...e, recordedAt: 0 })));
  });

  it('leaves a checkpoint an engine opens on: the same state as folding the log', async () => {
    const replayed = initialState(realReference);
    for (const e of first) {
      applyEvent(replayed, e);
      replayed.seq = e.seq;
    }
    const engine = await LiveEngine.open({ store, clock: new ManualClock(Date.parse('2026-03-30T12:00:00Z')), reference: realReference });
    expect(engine.seq).toBe(first.at(-1)!.seq);
    expect(JSON.stringify(serialiseState(engine.state))).toEqual(JSON.stringify(serialiseState(replayed)));
  });

  it('refuses to write history under facts already in the log', async () => {
    await expect(generateHistory({ ...options, store, lastDay: '2026-03-20' })).rejects.toThrow(/already holds facts/);
  });
});

describe('generateHistory on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    await migratePostgres(db.url, silentLogger);
  });
  afterAll(() => db.drop());

  it('writes the same day as on SQLite', async () => {
    const pgStore = new PgStore({ url: db.url, log: silentLogger });
    const sqlite = new SqliteStore({ path: ':memory:' });
    for (const s of [pgStore, sqlite]) {
      await s.saveReference(realReference, new Map());
      await generateHistory({ ...options, days: 1, store: s, appendEvery: 3_000 });
    }
    const [a, b] = [await wholeLog(pgStore), await wholeLog(sqlite)];
    await pgStore.close();
    await sqlite.close();
    expect(a.length).toBeGreaterThan(1000);
    expect(a).toEqual(b);
  });
});
