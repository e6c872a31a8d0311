import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../db/store.js';
import { applyEvents, initialState, serialiseState } from '../../server/domain/index.js';
import { booked, checked, logged, reference } from '../support/reference.js';

/**
 * The behaviour every EventStore must have. Each implementation's test file calls this with a
 * factory for a fresh, empty store (SQLite today; PostgreSQL when scale-out arrives).
 */
export function storeContract(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore | null = null;
    const fresh = async () => (store = await open());
    afterEach(async () => {
      await store?.close();
      store = null;
    });

    it('has no reference data until saved, then returns it as saved', async () => {
      const s = await fresh();
      expect(await s.loadReference()).toBeNull();
      await s.saveReference(reference, new Map([['met-brixton', 'https://example.test/source']]));
      const loaded = await s.loadReference();
      expect(loaded?.suites).toEqual([...reference.suites].sort((a, b) => a.id.localeCompare(b.id)));
      expect(loaded?.officers).toEqual([...reference.officers].sort((a, b) => a.id.localeCompare(b.id)));
    });

    it('appends events and reads them back in order, exactly', async () => {
      const s = await fresh();
      await s.saveReference(reference, new Map());
      const events = logged([booked('A1'), booked('A2'), checked('A1')]);
      await s.append(events.slice(0, 2));
      await s.append(events.slice(2));
      expect(await s.lastSeq()).toBe(3);
      expect(await s.eventsAfter(0, 100)).toEqual(events);
      expect(await s.eventsAfter(1, 1)).toEqual([events[1]]);
    });

    it('refuses a batch whose sequence does not follow, and writes none of it', async () => {
      const s = await fresh();
      await s.saveReference(reference, new Map());
      await s.append(logged([booked('A1')]));
      await expect(s.append(logged([booked('A2'), booked('A3')], 3))).rejects.toThrow(/does not follow/);
      await expect(s.append(logged([booked('A2')], 1))).rejects.toThrow();
      expect(await s.lastSeq()).toBe(1);
    });

    it('refuses a second fact with the same source id, and writes none of the batch', async () => {
      const s = await fresh();
      await s.saveReference(reference, new Map());
      const [first] = logged([booked('A1')]);
      await s.append([first!]);
      const clash = logged([booked('A2'), booked('A3')], 2).map((e, i) => (i === 1 ? { ...e, sourceEventId: first!.sourceEventId } : e));
      await expect(s.append(clash)).rejects.toThrow();
      expect(await s.lastSeq()).toBe(1);
    });

    it('finds earlier facts by source id', async () => {
      const s = await fresh();
      await s.saveReference(reference, new Map());
      const events = logged([booked('A1'), booked('A2')]);
      await s.append(events);
      const found = await s.findSourceEvents('test', ['t-2', 't-9']);
      expect([...found.keys()]).toEqual(['t-2']);
      expect(found.get('t-2')).toEqual({ type: 'arrest.booked', at: events[1]!.at, data: JSON.stringify(events[1]!.data) });
      expect((await s.findSourceEvents('other-source', ['t-1'])).size).toBe(0);
    });

    it('keeps only the latest checkpoint', async () => {
      const s = await fresh();
      await s.saveReference(reference, new Map());
      expect(await s.latestCheckpoint()).toBeNull();
      const events = logged([booked('A1'), booked('A2')]);
      const state = initialState(reference);
      applyEvents(state, events.slice(0, 1));
      await s.append(events);
      await s.saveCheckpoint(1, 10, JSON.stringify(serialiseState(state)));
      applyEvents(state, events.slice(1));
      const latest = JSON.stringify(serialiseState(state));
      await s.saveCheckpoint(2, 20, latest);
      expect(await s.latestCheckpoint()).toEqual(JSON.parse(latest));
    });

    it('finds earlier facts of a source however many ids are asked for', async () => {
      const s = await fresh();
      await s.saveReference(reference, new Map());
      await s.append(logged([booked('A1'), booked('A2')]));
      const ids = [...Array.from({ length: 2_000 }, (_, i) => `x-${i}`), 't-1', "t-'2"];
      expect([...(await s.findSourceEvents('test', ids)).keys()]).toEqual(['t-1']);
    });
  });
}
