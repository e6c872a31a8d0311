import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestBatch, londonMidnight, type LoggedEvent } from '../../protocol/index.js';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgStore } from '../../db/pg-store.js';
import { buildReference, readInitialHighHarm } from '../../db/reference/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { EventStore } from '../../db/store.js';
import { ManualClock } from '../../server/clock.js';
import { decidePublishHighHarm, foldForRecords, initialState, type CaseRecord, type Reference } from '../../server/domain/index.js';
import { silentLogger } from '../../server/log.js';
import { LiveEngine } from '../../server/live/engine.js';
import { backfillReadModels } from '../../server/live/read-model-backfill.js';
import { createSimulatorRunner } from '../../server/simulator/runner.js';
import { SimulationClock } from '../../server/simulator/simulation-clock.js';
import { createTestDatabase } from '../support/pg.js';

const HOUR = 3_600_000;
const START = londonMidnight('2026-10-24'); // the day before the clocks go back
const reference: Reference = buildReference().reference;

async function allRecords(store: EventStore): Promise<Map<string, CaseRecord>> {
  const out = new Map<string, CaseRecord>();
  for (let after = ''; ; ) {
    const page = await store.caseRecords(after, 5_000);
    if (page.length === 0) return out;
    for (const r of page) out.set(r.custodyRef, { ...r });
    after = page.at(-1)!.custodyRef;
  }
}

/** The read model as a fresh fold of the whole log computes it: what the rows must equal. */
function foldedRecords(log: readonly LoggedEvent[]): Map<string, CaseRecord> {
  const state = initialState(reference);
  const out = new Map<string, CaseRecord>();
  for (const e of log) for (const r of foldForRecords(state, e)) out.set(r.custodyRef, r);
  return out;
}

const backends: { name: string; open: () => Promise<{ store: EventStore; fresh: () => Promise<EventStore> }> }[] = [
  {
    name: 'SQLite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nexus-rm-'));
      let n = 0;
      const fresh = async () => new SqliteStore({ path: join(dir, `db${n++}.db`), synchronous: 'NORMAL' });
      return { store: await fresh(), fresh };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const fresh = async () => {
        const db = await createTestDatabase();
        dropped.push(db.drop);
        await migratePostgres(db.url, silentLogger);
        return new PgStore({ url: db.url, log: silentLogger, poolSize: 3 });
      };
      return { store: await fresh(), fresh };
    },
  },
];
const dropped: (() => Promise<void>)[] = [];
const opened: EventStore[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
  for (const drop of dropped) await drop();
});

describe.each(backends)('read models on $name', ({ open }) => {
  it('are written with every append: each case row equals a fold of the log, the position is the log end; a backfill from the log gives the same rows', async () => {
    const { store, fresh } = await open();
    opened.push(store);
    await store.saveReference(reference, new Map());
    const clock = new SimulationClock(new ManualClock(START), 1, START);
    const engine = await LiveEngine.open({ store, clock, reference });
    await engine.execute((state) => decidePublishHighHarm(state, readInitialHighHarm(), 'v1'), 'system');
    // Across the change from BST to GMT (25 October 2026).
    await createSimulatorRunner({ port: engine, clock, seed: 7 }).catchUp(START, START + 28 * HOUR);
    const log = await store.eventsAfter(0, 1_000_000);
    expect(log.length).toBeGreaterThan(1_000);
    expect(await store.readModelPosition()).toBe(log.at(-1)!.seq);
    const rows = await allRecords(store);
    const folded = foldedRecords(log);
    expect(rows.size).toBe(log.filter((e) => e.type === 'arrest.booked').length);
    expect(rows).toEqual(folded);

    // The same log on a database without read models: the first start folds them from the log.
    const copy = await fresh();
    opened.push(copy);
    await copy.saveReference(reference, new Map());
    for (let i = 0; i < log.length; i += 500) await copy.append(log.slice(i, i + 500));
    expect(await copy.readModelPosition()).toBe(0);
    await LiveEngine.open({ store: copy, clock, reference });
    expect(await copy.readModelPosition()).toBe(log.at(-1)!.seq);
    expect(await allRecords(copy)).toEqual(folded);
    // A backfill racing nothing new is a no-op; one that would write older records changes nothing.
    expect(await backfillReadModels(copy, reference)).toBe(0);
    const early = foldedRecords(log.slice(0, Math.floor(log.length / 2)));
    await copy.writeReadModels({ cases: [...early.values()] }, 0, 1);
    expect(await allRecords(copy)).toEqual(folded);
  }, 120_000);

  it('a late fact lands in the case it belongs to, the same as if it had come in order', async () => {
    const { store } = await open();
    opened.push(store);
    await store.saveReference(reference, new Map());
    const engine = await LiveEngine.open({ store, clock: new ManualClock(START + 30 * 86_400_000), reference });
    const fact = (id: string, type: string, at: number, data: object) =>
      IngestBatch.parse({ source: 'feed', events: [{ id, type, at: new Date(at).toISOString(), data }] });
    const ref = 'MET/01/0001/26';
    // A case from 20 days ago, its release first and its check after (both late).
    expect((await engine.ingest(fact('b', 'arrest.booked', START, { custodyRef: ref, suiteId: 'met-brixton', nationality: 'PL', iabsMatch: true, relevantTime: START, offenceCategory: 'theft' }), 'feed')).ok).toBe(true);
    expect((await engine.ingest(fact('r', 'detainee.released', START + 9 * HOUR, { custodyRef: ref, disposal: 'bailed' }), 'feed')).ok).toBe(true);
    expect((await engine.ingest(fact('c', 'check.completed', START + 2 * HOUR, { custodyRef: ref, mode: 'remote', outcome: 'lawfully_present', officerId: null }), 'feed')).ok).toBe(true);
    const [row] = await store.caseRecords('', 10);
    expect(row).toMatchObject({ custodyRef: ref, arrivalDay: '2026-10-24', checkAt: START + 2 * HOUR, minutesToCheck: 120, releaseDay: '2026-10-24', nonAttendanceReason: null, disposal: 'bailed' });
    const log = await store.eventsAfter(0, 100);
    expect(await allRecords(store)).toEqual(foldedRecords(log));
  });

  it('a case released long ago and dropped from memory part-way through one long import still gets its last row', async () => {
    const { store } = await open();
    opened.push(store);
    await store.saveReference(reference, new Map());
    const engine = await LiveEngine.open({ store, clock: new ManualClock(START + 60 * 86_400_000), reference });
    const fact = (id: string, type: string, at: number, data: object) => ({ id, type, at: new Date(at).toISOString(), data });
    const booked = (ref: string, at: number) => fact(`b.${ref.replaceAll('/', '.')}`, 'arrest.booked', at, { custodyRef: ref, suiteId: 'met-brixton', nationality: 'PL', iabsMatch: true, relevantTime: at, offenceCategory: 'theft' });
    const [early, late] = ['MET/01/0001/26', 'MET/01/0002/26'];
    const later = START + 40 * 86_400_000;
    // One write: the second release is on a day more than the retention after the first, so
    // folding it prunes the first case from memory while the write is still being applied.
    const batch = IngestBatch.parse({
      source: 'feed',
      events: [
        booked(early, START),
        fact('c1', 'check.completed', START + HOUR, { custodyRef: early, mode: 'remote', outcome: 'lawfully_present', officerId: null }),
        fact('r1', 'detainee.released', START + 9 * HOUR, { custodyRef: early, disposal: 'bailed' }),
        booked(late, later),
        fact('r2', 'detainee.released', later + 9 * HOUR, { custodyRef: late, disposal: 'bailed' }),
      ],
    });
    expect((await engine.ingest(batch, 'feed')).ok).toBe(true);
    expect(engine.state.closedCases.has(early)).toBe(false);
    expect(engine.state.closedCases.has(late)).toBe(true);
    const rows = await allRecords(store);
    expect(rows.get(early)).toMatchObject({ releaseDay: '2026-10-24', checkAt: START + HOUR, disposal: 'bailed', asOfSeq: 3 });
    expect(rows).toEqual(foldedRecords(await store.eventsAfter(0, 100)));
  });
});

describe('read models on a version 1 database', () => {
  it('are folded from its log on the first start, up to the log end', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nexus-rm-v1-')), 'v1.db');
    writeFileSync(path, gunzipSync(readFileSync(join(import.meta.dirname, '../fixtures/v1-log.db.gz'))));
    const store = new SqliteStore({ path });
    opened.push(store);
    const ref = (await store.loadReference()) ?? reference;
    await LiveEngine.open({ store, clock: new ManualClock(Date.now()), reference: ref });
    const log = await store.eventsAfter(0, 1_000_000);
    expect(await store.readModelPosition()).toBe(log.at(-1)!.seq);
    const rows = await allRecords(store);
    expect(rows.size).toBe(log.filter((e) => e.type === 'arrest.booked').length);
    expect(rows.size).toBeGreaterThan(0);
  });
});
