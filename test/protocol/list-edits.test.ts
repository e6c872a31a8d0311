import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyListEdits } from '../../protocol/derived.js';

/** The edit as the schema reads it, one step at a time, with nothing clever: what the fold must equal. */
function byTheBook(list: readonly string[], dropSteps: readonly number[], insertSteps: readonly (readonly [string, number])[]): string[] | null {
  const kept = [...list];
  const drops = dropSteps.map((_, i) => dropSteps.slice(0, i + 1).reduce((a, b) => a + b, 0));
  if (dropSteps.some((s, i) => s < (i === 0 ? 0 : 1)) || drops.some((at) => at >= list.length)) return null;
  for (const at of [...drops].reverse()) kept.splice(at, 1);
  const out = [...kept];
  const places = insertSteps.map((_, i) => insertSteps.slice(0, i + 1).reduce((a, [, s]) => a + s, 0));
  for (const [i, [item, step]] of insertSteps.entries()) {
    if (step < (i === 0 ? 0 : 1) || places[i]! > out.length) return null;
    out.splice(places[i]!, 0, item);
  }
  return out;
}

const aList = fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 12 });
const steps = fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 5 });
const inserts = fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: -1, max: 4 })), { maxLength: 5 });

describe('the CCU queue as list edits (decision 58)', () => {
  it('drops, then inserts, as the edit reads step by step, and refuses an edit that does not fit', () => {
    fc.assert(
      fc.property(aList, steps, inserts, (list, dropSteps, insertSteps) => {
        expect(applyListEdits(list, dropSteps, insertSteps)).toEqual(byTheBook(list, dropSteps, insertSteps));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the order of what is neither dropped nor inserted', () => {
    expect(applyListEdits(['a', 'b', 'c', 'd', 'e'], [1, 2], [['x', 0], ['y', 3]])).toEqual(['x', 'a', 'c', 'y', 'e']);
    expect(applyListEdits(['a', 'b'], [], [['x', 2]])).toEqual(['a', 'b', 'x']);
    expect(applyListEdits(['a', 'b'], [0, 1], [])).toEqual([]);
    expect(applyListEdits(['a', 'b'], [2], [])).toBeNull();
    expect(applyListEdits(['a', 'b'], [], [['x', 3]])).toBeNull();
  });
});
