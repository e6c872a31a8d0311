import { describe, expect, it } from 'vitest';
import { longestIncreasing } from '../../protocol/longest-increasing.js';

/**
 * Puts `now` into the order of `wanted` as the map's `arrange` does, moving only the items off
 * the longest run already in order; returns the moves and the result.
 */
function reorder(now: string[], wanted: string[]): { moves: number; result: string[] } {
  const from = wanted.map((item) => now.indexOf(item));
  const run = new Set(longestIncreasing(from));
  const stays = from.map((at) => run.has(at));
  const result = [...now];
  let moves = 0;
  let next: string | null = null;
  for (let i = wanted.length - 1; i >= 0; i--) {
    const item = wanted[i]!;
    if (!stays[i]) {
      result.splice(result.indexOf(item), 1);
      result.splice(next === null ? result.length : result.indexOf(next), 0, item);
      moves++;
    }
    next = item;
  }
  return { moves, result };
}

describe('reordering with the fewest moves (longestIncreasing)', () => {
  const abc = [...'abcdefghij'];
  it.each([
    ['nothing out of order', abc, 0],
    ['one item jumps to the front', [...'jabcdefghi'], 1],
    ['one item falls to the back', [...'bcdefghija'], 1],
    ['two swap far apart', [...'ibcdefghaj'], 2],
    ['all reversed', [...abc].reverse(), 9],
  ])('%s', (_, wanted, fewest) => {
    const { moves, result } = reorder(abc, wanted);
    expect(result).toEqual(wanted);
    expect(moves).toBe(fewest);
  });

  it('reaches any order of a shuffled list', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let round = 0; round < 50; round++) {
      const now = Array.from({ length: 30 }, (_, i) => `s${i}`).sort(() => random() - 0.5);
      const wanted = [...now].sort(() => random() - 0.5);
      expect(reorder(now, wanted).result).toEqual(wanted);
    }
  });
});
