import { afterEach, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../protocol/index.js';
import { SeqConflict, type EventStore } from '../../db/store.js';
import { applyEvents, initialState, serialiseState } from '../../server/domain/index.js';
import { booked, checked, logged, MINUTE, onDuty, reference, released, T0 } from '../support/reference.js';

/**
 * The behaviour every EventStore must have, method by method. Each implementation's test file
 * calls this with a factory for a fresh, empty store (SQLite, PostgreSQL).
 */
export function storeContract(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore | null = null;
    const fresh = async () => (store = await open());
    /** A fresh store with the reference data saved, as the engine finds it. */
    const ready = async () => {
      const s = await fresh();
      await s.saveReference(reference, new Map());
      return s;
    };
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

    it('keeps the reference data saved first when it is saved again (two nodes starting at once)', async () => {
      const s = await ready();
      const renamed = { ...reference, suites: reference.suites.map((suite) => ({ ...suite, name: `${suite.name} (second)` })) };
      await s.saveReference(renamed, new Map());
      expect((await s.loadReference())?.suites.map((suite) => suite.name)).toEqual(['Brixton', 'Croydon', 'Kilburn', 'Perry Barr']);
    });

    it('starts with an empty log: last seq 0, nothing after 0', async () => {
      const s = await ready();
      expect(await s.lastSeq()).toBe(0);
      expect(await s.eventsAfter(0, 10)).toEqual([]);
    });

    it('appends events and reads them back in order, exactly', async () => {
      const s = await ready();
      const events = logged([booked('A1'), booked('A2'), checked('A1')]);
      await s.append(events.slice(0, 2));
      await s.append(events.slice(2));
      await s.append([]);
      expect(await s.lastSeq()).toBe(3);
      expect(await s.eventsAfter(0, 100)).toEqual(events);
      expect(await s.eventsAfter(1, 1)).toEqual([events[1]]);
      expect(await s.eventsAfter(3, 100)).toEqual([]);
    });

    it('refuses a batch that does not follow the last seq with SeqConflict, and writes none of it', async () => {
      const s = await ready();
      await s.append(logged([booked('A1')]));
      const ahead = await s.append(logged([booked('A2'), booked('A3')], 3)).catch((e: unknown) => e);
      expect(ahead).toBeInstanceOf(SeqConflict);
      expect(ahead).toMatchObject({ expected: 2, actual: 1, message: expect.stringMatching(/does not follow/) });
      // Numbered against a log that has since moved on: the normal case with several writers.
      const behind = await s.append(logged([booked('A2')], 1)).catch((e: unknown) => e);
      expect(behind).toMatchObject({ name: 'SeqConflict', expected: 0, actual: 1 });
      expect(await s.lastSeq()).toBe(1);
      expect(await s.eventsAfter(0, 10)).toHaveLength(1);
    });

    it('refuses a batch whose seqs are not consecutive, and writes none of it', async () => {
      const s = await ready();
      const [a, b] = logged([booked('A1'), booked('A2')]);
      const gap = await s.append([a!, { ...b!, seq: 3 }]).catch((e: unknown) => e);
      expect(gap).toBeInstanceOf(Error);
      expect(gap).not.toBeInstanceOf(SeqConflict);
      expect(await s.lastSeq()).toBe(0);
    });

    it('refuses a second fact with the same source id, and writes none of the batch', async () => {
      const s = await ready();
      const [first] = logged([booked('A1')]);
      await s.append([first!]);
      const clash = logged([booked('A2'), booked('A3')], 2).map((e, i) => (i === 1 ? { ...e, sourceEventId: first!.sourceEventId } : e));
      await expect(s.append(clash)).rejects.toThrow();
      expect(await s.lastSeq()).toBe(1);
      // Facts without a source id (commands) never clash with each other.
      await s.append(logged([onDuty('MET-IO-01'), onDuty('MET-ICE-01')], 2).map((e) => ({ ...e, sourceEventId: null })));
      expect(await s.lastSeq()).toBe(3);
    });

    it('finds earlier facts by source id', async () => {
      const s = await ready();
      const events = logged([booked('A1'), booked('A2')]);
      await s.append(events);
      const found = await s.findSourceEvents('test', ['t-2', 't-9']);
      expect([...found.keys()]).toEqual(['t-2']);
      expect(found.get('t-2')).toEqual({ type: 'arrest.booked', at: events[1]!.at, data: JSON.stringify(events[1]!.data) });
      expect((await s.findSourceEvents('other-source', ['t-1'])).size).toBe(0);
      expect((await s.findSourceEvents('test', [])).size).toBe(0);
    });

    it('finds earlier facts of a source however many ids are asked for', async () => {
      const s = await ready();
      await s.append(logged([booked('A1'), booked('A2')]));
      const ids = [...Array.from({ length: 2_000 }, (_, i) => `x-${i}`), 't-1', "t-'2"];
      expect([...(await s.findSourceEvents('test', ids)).keys()]).toEqual(['t-1']);
    });

    it("reads one case's events in the order they happened, late facts in their place", async () => {
      const s = await ready();
      const events = logged([booked('A1'), booked('B2'), onDuty('MET-IO-01'), released('A1'), checked('A1')]);
      // The check arrived last but happened before the release.
      const late = events.map((e) => (e.seq === 5 ? { ...e, at: T0 + 2 * MINUTE + 30_000 } : e));
      await s.append(late);
      const timeline = await s.eventsForCase('A1');
      expect(timeline.map((e) => e.seq)).toEqual([1, 5, 4]);
      expect(timeline[1]).toEqual(late[4]);
      expect(await s.eventsForCase('Z9')).toEqual([]);
    });

    it('reads events of some types within [from, to), in seq order', async () => {
      const s = await ready();
      const events = logged([booked('A1'), checked('A1'), booked('A2'), released('A1'), booked('A3')]);
      await s.append(events);
      const bookedOrReleased = (from: number, to: number) => s.eventsOfTypes(['arrest.booked', 'detainee.released'], from, to);
      expect((await bookedOrReleased(T0, T0 + 10 * MINUTE)).map((e) => e.seq)).toEqual([1, 3, 4, 5]);
      // From is inside the range, to is not.
      expect((await bookedOrReleased(T0 + 2 * MINUTE, T0 + 4 * MINUTE)).map((e) => e.seq)).toEqual([3, 4]);
      expect(await s.eventsOfTypes(['check.completed'], T0, T0 + 10 * MINUTE)).toEqual([events[1]]);
      expect(await s.eventsOfTypes([], T0, T0 + 10 * MINUTE)).toEqual([]);
    });

    it('keeps only the latest checkpoint', async () => {
      const s = await ready();
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

    it('answers a ping while open; refuses calls once closed', async () => {
      const s = await fresh();
      await expect(s.ping()).resolves.toBeUndefined();
      await s.close();
      store = null;
      await expect(s.ping()).rejects.toThrow();
      await expect(s.lastSeq()).rejects.toThrow();
    });

    it('keeps every field of every event type it is given, including large times', async () => {
      const s = await ready();
      const far = Date.parse('2099-12-31T23:59:59Z');
      const events: LoggedEvent[] = logged([booked('A1', 'wmp-perry-barr', far, { intelFlags: ['gang'], priorOffences: 7 }), onDuty('WMP-ICE-01')], 1, far);
      await s.append(events);
      expect(await s.eventsAfter(0, 10)).toEqual(events);
    });
  });
}
