import { crc32 } from 'node:zlib';
import { chunksOf, cutWhere } from '../../protocol/index.js';

/**
 * How a chunk longer than wanted is cut again: after `from` rows, before a row whose key hashes to
 * a multiple of `every`, and before row `max` whatever the key.
 */
export interface SplitRule {
  from: number;
  every: number;
  max: number;
}

/**
 * ≈2,000 cases a chunk and never over 2,560: re-encoding a chunk is what a hello after a case fact
 * costs (≈5–8 ms a thousand cases), and `chunksOf` alone gives chunks of any size (997, 5,509 and
 * 3,494 cases in the national bench; the last one open-ended, where later arrests sort). Each chunk
 * repeats its dictionaries (≈2.3 KB compressed): ≈1,000 a chunk would take the national snapshot
 * to 162 KB, over its 150 KB limit; this size gives ≈148 KB.
 */
export const SPLIT_CASES: SplitRule = { from: 1_536, every: 512, max: 2_560 };

/**
 * `chunksOf`'s chunks, each cut again by `rule`. Where a cut falls depends on the rows since the
 * chunk's start and the next key, not on positions in the table: rows appended at the end change
 * the last chunk (and start a new one at most), a row changed in place changes its own, and a row
 * added or gone in the middle moves the cuts after it only until they fall on a key again.
 */
export function boundedChunksOf<T>(rows: readonly T[], keyOf: (row: T) => string, every: number, rule: SplitRule | null): T[][] {
  const chunks = chunksOf(rows, keyOf, every);
  return rule === null ? chunks : chunks.flatMap((chunk) => (chunk.length <= rule.from ? [chunk] : split(chunk, keyOf, rule)));
}

function split<T>(rows: readonly T[], keyOf: (row: T) => string, rule: SplitRule): T[][] {
  return cutWhere(rows, keyOf, (length, key) => length >= rule.max || (length >= rule.from && crc32(key) % rule.every === 0));
}
