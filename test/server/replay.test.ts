import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../db/sqlite-store.js';
import { replayAt } from '../../server/live/replay.js';
import type { ProgressLine } from '../../protocol/index.js';
import { booked, checked, HOUR, logged, onDuty, reference, released, T0 } from '../support/reference.js';

describe('replay to a point in time', () => {
  it('folds exactly the events recorded by then, including backfilled ones recorded out of order', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.saveReference(reference, new Map());
    const events = logged([onDuty('MET-IO-01'), booked('A1'), booked('A2'), checked('A1'), released('A2')], 1, T0);
    // The first fact was recorded late (as a first start's High Harm publish is), the rest one minute apart.
    events[0] = { ...events[0]!, recordedAt: T0 + 10 * HOUR };
    await store.append(events);

    const early = await replayAt(store, reference, T0 + 2.5 * 60_000); // after A1, A2 booked
    expect(early.suites.find((s) => s.id === 'met-brixton')).toMatchObject({ inCustody: 2, pendingChecks: 2 });
    expect(early.officers.find((o) => o.id === 'MET-IO-01')!.status).toBe('off_duty'); // not yet recorded
    expect(early.seq).toBe(3);

    const later = await replayAt(store, reference, T0 + 11 * HOUR);
    expect(later.suites.find((s) => s.id === 'met-brixton')).toMatchObject({ inCustody: 1, pendingChecks: 0 });
    expect(later.officers.find((o) => o.id === 'MET-IO-01')!.status).toBe('available');
    expect(later.seq).toBe(5);
    await store.close();
  });

  it('reports events read page by page, up to the log it began with, and stops when the caller has gone', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.saveReference(reference, new Map());
    const facts = Array.from({ length: 25_000 }, () => onDuty('MET-IO-01'));
    await store.append(logged(facts, 1, T0));
    const seen: Pick<ProgressLine, 'done' | 'total'>[] = [];
    const snapshot = await replayAt(store, reference, T0 + 1000 * HOUR, { progress: (done, total) => seen.push({ done, total }) });
    expect(snapshot.seq).toBe(25_000);
    expect(seen).toEqual([0, 10_000, 20_000, 25_000, 25_000].map((done) => ({ done, total: 25_000 })));

    const gone = new AbortController();
    const stopped = replayAt(store, reference, T0, { signal: gone.signal, progress: (done) => done > 0 && gone.abort(new Error('caller went away')) });
    await expect(stopped).rejects.toThrow('caller went away');
    await store.close();
  });
});
