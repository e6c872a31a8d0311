import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestBatch } from '../../protocol/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import { currentFormat, upgradeData } from '../../db/event-upgrades.js';
import { buildReference } from '../../db/reference/index.js';
import { applyEvents, initialState, serialiseState } from '../../server/domain/index.js';
import { ManualClock } from '../../server/clock.js';
import { LiveEngine } from '../../server/live/engine.js';
import { T0, reference } from '../support/reference.js';

/**
 * Findings 10 and 12 of the attacker's review (issue 10): an acknowledgement must mean the fact
 * survives power loss (kept affordable by group commit), and stored data must know its version.
 */
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
const open = (path: string) => {
  const store = new SqliteStore({ path });
  stores.push(store);
  return store;
};
const tempDir = () => mkdtempSync(join(tmpdir(), 'nexus-formats-'));
/** A store (a file, or in memory) with the reference data, and an engine on it. */
async function engineOn(path: string) {
  const store = open(path);
  await store.saveReference(reference, new Map());
  return { store, engine: await LiveEngine.open({ store, clock: new ManualClock(T0), reference }) };
}
/** One fact as a feed would send it, parsed as POST /api/ingest parses it. */
const fact = (id: string, type: string, data: object) => IngestBatch.parse({ source: 'feed', events: [{ id, type, at: new Date(T0).toISOString(), data }] });
const arrest = (ref: string, suiteId = 'met-brixton') =>
  fact(ref.replaceAll('/', '-'), 'arrest.booked', { custodyRef: ref, suiteId, nationality: 'PL', iabsMatch: true, relevantTime: T0, offenceCategory: 'theft' });

describe('finding 10: acknowledged means durable', () => {
  it('the embedded store commits with synchronous=FULL by default', () => {
    expect(open(join(tempDir(), 'nexus.db')).synchronous()).toBe('FULL');
  });

  it('writes that arrive together share one durable commit (group commit), each answered, in order', async () => {
    const { store, engine } = await engineOn(':memory:');
    const append = store.append.bind(store);
    let commits = 0;
    store.append = async (events) => {
      commits++;
      return append(events);
    };
    const acks = await Promise.all(Array.from({ length: 50 }, (_, i) => engine.ingest(arrest(`MP/G/${i}`), 'feed')));
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(acks.map((a) => (a.ok ? a.data.lastSeq : 0))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(commits).toBeLessThan(50);
    expect(await store.lastSeq()).toBe(50);
  });

  it('a refused write in a group changes nothing, and the others in the group are stored', async () => {
    const { store, engine } = await engineOn(':memory:');
    const [a, bad, c] = await Promise.all([engine.ingest(arrest('MP/A/1'), 'feed'), engine.ingest(arrest('MP/B/1', 'nowhere'), 'feed'), engine.ingest(arrest('MP/C/1'), 'feed')]);
    expect([a.ok, bad.ok, c.ok]).toEqual([true, false, true]);
    const replayed = initialState(reference);
    applyEvents(replayed, await store.eventsAfter(0, 10));
    expect(serialiseState(engine.state)).toEqual(serialiseState(replayed));
    expect(engine.state.cases.has('MP/B/1')).toBe(false);
  });
});

describe('finding 12: stored data knows its version', () => {
  it('a checkpoint of another format (here: one written before formats existed) is ignored and the state rebuilt from the log', async () => {
    const { store, engine } = await engineOn(join(tempDir(), 'nexus.db'));
    await engine.ingest(arrest('MP/C/1'), 'feed');
    const live = serialiseState(engine.state);
    // An old checkpoint: no format, and a shape today's State does not have.
    await store.saveCheckpoint(1, T0, JSON.stringify({ seq: 1, suites: 'not what State holds' }));
    const reopened = await LiveEngine.open({ store, clock: new ManualClock(T0), reference });
    expect(serialiseState(reopened.state)).toEqual(live);
  });

  it('replays a log written by version 1 (before formats): every event read, the old checkpoint ignored, the same figures', async () => {
    const path = join(tempDir(), 'v1.db');
    writeFileSync(path, gunzipSync(readFileSync(join(import.meta.dirname, '../fixtures/v1-log.db.gz'))));
    // What version 1 computed, from its own checkpoint, before today's code touches the file.
    const raw = new Database(path, { readonly: true });
    const row = raw.prepare('SELECT seq, state FROM checkpoints').get() as { seq: number; state: Buffer };
    const formats = raw.prepare("SELECT count(*) AS n FROM pragma_table_info('events') WHERE name = 'format'").get() as { n: number };
    raw.close();
    expect(formats.n).toBe(0); // truly a log from before formats
    const v1 = JSON.parse(gunzipSync(row.state).toString('utf8')) as { seq: number; suites: { id: string; inCustody: number; pendingChecks: number }[] };

    const store = open(path); // migrates the file
    const engine = await LiveEngine.open({ store, clock: new ManualClock(Date.now()), reference: (await store.loadReference()) ?? buildReference().reference });
    expect(engine.seq).toBe(await store.lastSeq());
    expect(v1.seq).toBeLessThanOrEqual(engine.seq);
    if (v1.seq === engine.seq) {
      for (const s of v1.suites) expect([s.id, engine.state.suites.get(s.id)?.inCustody, engine.state.suites.get(s.id)?.pendingChecks]).toEqual([s.id, s.inCustody, s.pendingChecks]);
    }
    // The rebuilt state is exactly the fold of the log.
    const replayed = initialState(engine.reference);
    for (let after = 0; ; ) {
      const page = await store.eventsAfter(after, 5_000);
      if (page.length === 0) break;
      applyEvents(replayed, page);
      after = page.at(-1)!.seq;
    }
    expect(serialiseState(engine.state)).toEqual(serialiseState(replayed));
  });

  it('a log holding an event in a format from a newer version is refused with a clear message, not misread', async () => {
    const path = join(tempDir(), 'nexus.db');
    const { store, engine } = await engineOn(path);
    await engine.ingest(fact('n1', 'officer.rostered', { officerId: 'MET-IO-01', status: 'available' }), 'feed');
    const raw = new Database(path);
    raw.prepare('UPDATE events SET format = ? WHERE seq = 1').run(currentFormat('officer.rostered') + 1);
    raw.close();
    await expect(store.eventsAfter(0, 10)).rejects.toThrow(/format 2; this version reads formats 1 to 1\. Upgrade Nexus Live/);
  });

  it('a move stored in format 1 reads in format 2: the suite it left is "at suite", otherwise "not recorded"', async () => {
    const path = join(tempDir(), 'nexus.db');
    const store = open(path);
    await store.saveReference(reference, new Map());
    const engine = await LiveEngine.open({ store, clock: new ManualClock(T0), reference });
    const roster = (id: string, officerId: string) => ({ id, type: 'officer.rostered', at: new Date(T0).toISOString(), data: { officerId, status: 'available' } });
    const arrive = { id: 'r3', type: 'officer.arrived', at: new Date(T0).toISOString(), data: { officerId: 'MET-IO-01', suiteId: 'met-brixton' } };
    expect((await engine.ingest(IngestBatch.parse({ source: 'feed', events: [roster('r1', 'MET-IO-01'), roster('r2', 'MET-ICE-01'), arrive] }), 'feed')).ok).toBe(true);
    // Two moves as version 1 wrote them: `fromSuiteId`, no origin, format 1.
    const v1 = (seq: number, officerId: string, fromSuiteId: string | null) => ({
      seq, type: 'officer.assigned', at: T0 + seq, recorded_at: T0 + seq, actor: 'dm.jo', source: 'command', format: 1,
      data: JSON.stringify({ officerId, fromSuiteId, toSuiteId: 'met-croydon', reason: null, etaAt: T0 + 3_600_000, demand: null, recommended: false }),
    });
    const raw = new Database(path);
    const insert = raw.prepare('INSERT INTO events (seq, type, at, recorded_at, actor, source, data, format) VALUES (@seq, @type, @at, @recorded_at, @actor, @source, @data, @format)');
    insert.run(v1(4, 'MET-IO-01', 'met-brixton'));
    insert.run(v1(5, 'MET-ICE-01', null));
    raw.close();

    const read = (await store.eventsAfter(3, 10)).map((e) => (e.type === 'officer.assigned' ? e.data : null));
    expect(read).toEqual([
      { officerId: 'MET-IO-01', origin: { kind: 'at_suite', suiteId: 'met-brixton' }, toSuiteId: 'met-croydon', reason: null, etaAt: T0 + 3_600_000, demand: null, recommended: false },
      { officerId: 'MET-ICE-01', origin: { kind: 'not_recorded' }, toSuiteId: 'met-croydon', reason: null, etaAt: T0 + 3_600_000, demand: null, recommended: false },
    ]);
    expect(currentFormat('officer.assigned')).toBe(2);
    // Folded as today's moves: where each started is on the move and in the activity list.
    const reopened = await LiveEngine.open({ store, clock: new ManualClock(T0), reference });
    expect(reopened.state.officers.get('MET-IO-01')?.move?.origin).toEqual({ kind: 'at_suite', suiteId: 'met-brixton' });
    expect(reopened.state.assignments.map((a) => a.origin.kind)).toEqual(['not_recorded', 'at_suite']);
  });

  it('every event type is written in its current format and reads back unchanged', () => {
    const data = { officerId: 'MET-IO-01', status: 'available' };
    expect(upgradeData('officer.rostered', currentFormat('officer.rostered'), data)).toEqual(data);
  });
});
