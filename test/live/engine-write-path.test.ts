import { afterEach, describe, expect, it } from 'vitest';
import { IngestBatch, type Delta } from '../../protocol/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import { applyEvents, initialState, serialiseState } from '../../server/domain/index.js';
import { ManualClock } from '../../server/clock.js';
import { LiveEngine } from '../../server/live/engine.js';
import { T0, reference } from '../support/reference.js';

const stores: SqliteStore[] = [];
/** Polls until `read` gives something (a checkpoint is written off the write path, a few turns later). */
async function eventually<T>(read: () => Promise<T | null>, timeoutMs = 5_000): Promise<T | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
}
const checkpointOf = async (store: SqliteStore) => (await store.latestCheckpoint()) as { seq: number } | null;
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function openEngine(options: { store?: SqliteStore; checkpointEvery?: number } = {}) {
  const store = options.store ?? new SqliteStore({ path: ':memory:' });
  if (!options.store) {
    stores.push(store);
    await store.saveReference(reference, new Map());
  }
  const clock = new ManualClock(T0);
  const engine = await LiveEngine.open({ store, clock, reference, checkpointEvery: options.checkpointEvery });
  return { store, clock, engine };
}

let nextId = 0;
const fact = (type: string, data: object, at = T0) => ({ id: `f-${++nextId}`, type, at: new Date(at).toISOString(), data });
const arrest = (custodyRef: string, suiteId = 'met-brixton') =>
  fact('arrest.booked', { custodyRef, suiteId, nationality: 'PL', iabsMatch: true, relevantTime: T0, offenceCategory: 'theft' });
// Parsed as POST /api/ingest parses it, so defaults are filled in.
const batch = (...events: object[]): IngestBatch => IngestBatch.parse({ source: 'feed', events });

describe('the engine applies a batch in place, and only once it is stored', () => {
  it('a batch refused part-way leaves the state exactly as it was and tells nobody', async () => {
    const { engine } = await openEngine();
    await engine.ingest(batch(arrest('MP/1/26')), 'feed');
    const before = serialiseState(engine.state);
    const heard: Delta[][] = [];
    engine.subscribe((d) => heard.push([...d]));

    // The second arrest is fine; the third names a suite that does not exist.
    const ack = await engine.ingest(batch(arrest('MP/2/26'), arrest('MP/3/26', 'nowhere')), 'feed');

    expect(ack.ok).toBe(false);
    expect(serialiseState(engine.state)).toEqual(before);
    expect(heard).toEqual([]);
  });

  it('while the log is being written, readers see the state without the batch', async () => {
    const { store, engine } = await openEngine();
    const append = store.append.bind(store);
    const seenDuringAppend: boolean[] = [];
    store.append = async (events) => {
      seenDuringAppend.push(engine.state.cases.has('MP/9/26'));
      return append(events);
    };
    await engine.ingest(batch(arrest('MP/9/26')), 'feed');
    expect(seenDuringAppend).toEqual([false]);
    expect(engine.state.cases.has('MP/9/26')).toBe(true);
  });

  it('a failed append leaves the state untouched, and the next batch goes through', async () => {
    const { store, engine } = await openEngine();
    await engine.ingest(batch(arrest('MP/1/26')), 'feed');
    const before = serialiseState(engine.state);
    const append = store.append.bind(store);
    store.append = async () => {
      throw new Error('disk full');
    };
    const failed = await engine.ingest(batch(arrest('MP/2/26')), 'feed');
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(serialiseState(engine.state)).toEqual(before);

    store.append = append;
    const ok = await engine.ingest(batch(arrest('MP/2/26')), 'feed');
    expect(ok).toMatchObject({ ok: true, data: { lastSeq: before.seq + 1 } });
  });
});

describe('checkpoints are written after the batch, not inside it', () => {
  it('stores the state as of the batch that triggered it, even while later batches arrive', async () => {
    const { store, engine } = await openEngine({ checkpointEvery: 3 });
    await engine.ingest(batch(arrest('MP/1/26'), arrest('MP/2/26'), arrest('MP/3/26')), 'feed');
    // Before the checkpoint is encoded and stored, more facts arrive.
    await engine.ingest(batch(arrest('MP/4/26')), 'feed');
    await engine.close();

    const saved = await checkpointOf(store);
    expect(saved?.seq).toBe(4); // close() writes the final one
    const replayed = initialState(reference);
    applyEvents(replayed, await store.eventsAfter(0, 100));
    expect(saved).toEqual(JSON.parse(JSON.stringify(serialiseState(replayed))));
  });

  it('the triggered checkpoint matches a replay of the log up to its sequence number', async () => {
    const { store, engine } = await openEngine({ checkpointEvery: 2 });
    await engine.ingest(batch(arrest('MP/1/26'), arrest('MP/2/26')), 'feed');
    const triggered = checkpointOf(store);
    await engine.ingest(batch(arrest('MP/3/26')), 'feed');
    // Let the slices of the encoding run.
    const saved = await eventually(() => checkpointOf(store));
    expect(await triggered).toBeNull(); // nothing was written inside the append
    expect(saved?.seq).toBe(2);
    const replayed = initialState(reference);
    applyEvents(replayed, await store.eventsAfter(0, 2));
    expect(saved).toEqual(JSON.parse(JSON.stringify(serialiseState(replayed))));
  });

  it('a restart from a checkpoint plus the tail of the log gives the live state', async () => {
    const { store, engine } = await openEngine({ checkpointEvery: 2 });
    await engine.ingest(batch(arrest('MP/1/26'), arrest('MP/2/26')), 'feed');
    await eventually(() => checkpointOf(store));
    await engine.ingest(batch(arrest('MP/3/26')), 'feed');
    const live = serialiseState(engine.state);
    expect((await checkpointOf(store))?.seq).toBe(2);

    const reopened = await LiveEngine.open({ store, clock: new ManualClock(T0), reference });
    expect(serialiseState(reopened.state)).toEqual(live);
  });
});
