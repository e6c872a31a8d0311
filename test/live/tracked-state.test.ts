import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../server/domain/index.js';
import { applyThenUndo, trackable, TrackedMap } from '../../server/live/tracked-state.js';
import { stringifyInSlices } from '../../server/live/stringify-in-slices.js';
import { reference } from '../support/reference.js';

const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 9 }), value: fc.string() }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('clear' as const) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
const run = (map: Map<number, string>, ops: readonly Op[]) => {
  for (const o of ops) {
    if (o.kind === 'set') map.set(o.key, o.value);
    else if (o.kind === 'delete') map.delete(o.key);
    else map.clear();
  }
};
const entries = fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.string()), { maxLength: 8 });

describe('TrackedMap', () => {
  it('undo gives back the map before, redo the map after, whatever was done to it', () => {
    fc.assert(
      fc.property(entries, fc.array(op, { maxLength: 20 }), (start, ops) => {
        const map = new TrackedMap(start);
        const before = [...map];
        map.startTracking();
        run(map, ops);
        const after = [...map];
        const { undo, redo } = map.stopTracking();
        undo();
        expect(new Map(map)).toEqual(new Map(before));
        redo();
        expect(new Map(map)).toEqual(new Map(after));
      }),
    );
  });
});

describe('applyThenUndo', () => {
  it('takes back map entries and top-level fields, and puts them again on redo', () => {
    const state = trackable(initialState(reference));
    const { result, redo } = applyThenUndo(state, () => {
      state.seq = 7;
      state.officers.delete('MET-IO-01');
      state.acknowledgements.set('alert-1', { by: 'dm', at: 1, note: null });
      return 'done';
    });
    expect(result).toBe('done');
    expect([state.seq, state.officers.has('MET-IO-01'), state.acknowledgements.size]).toEqual([0, true, 0]);
    redo();
    expect([state.seq, state.officers.has('MET-IO-01'), state.acknowledgements.size]).toEqual([7, false, 1]);
  });

  it('takes the changes back when the batch throws', () => {
    const state = trackable(initialState(reference));
    expect(() =>
      applyThenUndo(state, () => {
        state.seq = 3;
        state.suites.clear();
        throw new Error('reducer bug');
      }),
    ).toThrow('reducer bug');
    expect([state.seq, state.suites.size]).toEqual([0, reference.suites.length]);
  });

  it('refuses a state with a map it cannot track', () => {
    expect(() => applyThenUndo(initialState(reference), () => 0)).toThrow(/untracked map/);
  });
});

describe('stringifyInSlices', () => {
  it('gives exactly what JSON.stringify gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 30 }))), fc.integer({ min: 1, max: 7 }), async (value, slice) => {
        expect(await stringifyInSlices(value, slice)).toBe(JSON.stringify(value));
      }),
      { numRuns: 200 },
    );
  });
});
