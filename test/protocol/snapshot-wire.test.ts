import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeTable, encodeTable, nested, openSnapshot, packSnapshot, unpackSnapshot, type TableCodec } from '../../protocol/index.js';
import { applyEvents, initialState, snapshotOf } from '../../server/domain/index.js';
import { arrived, booked, checked, HOUR, logged, onDuty, released, T0, reference } from '../support/reference.js';

interface Row {
  name: string;
  kind: string;
  at: number;
  until: number | null;
  score: number | null;
  detail: { flag: boolean; note: string | null } | null;
  box: { x: number; y: string | null };
}
const CODEC: TableCodec<Row> = {
  name: 'plain',
  kind: 'dict',
  at: 'delta',
  until: { minus: 'at' },
  score: 'delta',
  detail: 'dict',
  box: nested<Row['box']>({ x: 'delta', y: 'dict' }),
};
const number = fc.oneof(fc.integer({ min: -2e12, max: 2e12 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((d) => Math.round(d * 1e6) / 1e6));
const row: fc.Arbitrary<Row> = fc.record({
  name: fc.string(),
  kind: fc.constantFrom('a', 'b', 'c'),
  at: fc.integer({ min: 0, max: 2e12 }),
  until: fc.option(fc.integer({ min: 0, max: 2e12 })),
  score: fc.option(number),
  detail: fc.option(fc.record({ flag: fc.boolean(), note: fc.option(fc.string()) })),
  box: fc.record({ x: number, y: fc.option(fc.constantFrom('p', 'q')) }),
});

describe('column tables', () => {
  it('decode to exactly the records encoded, through JSON, fields in the same order', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const decoded = decodeTable<Row>(JSON.parse(JSON.stringify(encodeTable(rows, CODEC))));
        // What the rows themselves would be after a trip through JSON (-0 becomes 0).
        expect(decoded).toEqual(JSON.parse(JSON.stringify(rows)));
        expect(decoded.map((r) => Object.keys(r))).toEqual(rows.map((r) => Object.keys(r)));
      }),
    );
  });

  it('store a number plainly when the field it would be measured from is missing', () => {
    const odd = [{ a: null, b: 5 }] as unknown as { a: number; b: number }[];
    const table = encodeTable(odd, { a: 'plain', b: { minus: 'a' } });
    expect(table.columns.b).toEqual({ plain: [5] });
    expect(decodeTable(table)).toEqual(odd);
  });
});

describe('the packed snapshot', () => {
  const state = initialState(reference);
  applyEvents(
    state,
    logged([
      onDuty('MET-IO-01'),
      arrived('MET-IO-01', 'met-brixton'),
      booked('MP/1/26'),
      booked('MP/2/26', 'met-croydon'),
      booked('WM/3/26', 'wmp-perry-barr', T0 - 30 * HOUR, { nationality: 'AL' }),
      checked('MP/1/26'),
      released('MP/2/26'),
    ]),
  );
  const snapshot = snapshotOf(state, T0 + HOUR);

  it('unpacks to exactly the snapshot that was packed', () => {
    expect(snapshot.cases.length).toBeGreaterThan(1);
    expect(snapshot.derived.ccuQueue.length).toBeGreaterThan(0);
    expect(unpackSnapshot(JSON.parse(JSON.stringify(packSnapshot(snapshot))))).toEqual(snapshot);
  });

  it('opens from its gzip bytes with the platform decompressor', async () => {
    expect(await openSnapshot(gzipSync(JSON.stringify(packSnapshot(snapshot))))).toEqual(snapshot);
  });

  it('keeps a queued custody reference the case list does not hold', () => {
    const odd = { ...snapshot, derived: { ...snapshot.derived, ccuQueue: ['XX/9/26', ...snapshot.derived.ccuQueue] } };
    expect(unpackSnapshot(packSnapshot(odd)).derived.ccuQueue).toEqual(odd.derived.ccuQueue);
  });
});
