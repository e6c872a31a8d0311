import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { caseKey, encodeCases, openSnapshot, packSnapshot, type LoggedEvent, type Snapshot, type WireSnapshot } from '../../protocol/index.js';
import { applyEvent, applyEvents, findCase, fork, initialState, snapshotOf, type State } from '../../server/domain/index.js';
import { filterSnapshot, scopeFor, type Scope } from '../../server/security/views.js';
import { boundedChunksOf, type SplitRule } from '../../server/transport/bounded-chunks.js';
import { gzipPart } from '../../server/transport/gzip-parts.js';
import { KeptSnapshotParts, type Splits } from '../../server/transport/kept-snapshot-parts.js';
import { arrived, booked, checked, HOUR, logged, MINUTE, onDuty, reference, released, T0 } from '../support/reference.js';

// What is compressed, recorded: a kept chunk is not compressed again.
vi.mock('../../server/transport/gzip-parts.js', async (original) => {
  const real = await original<typeof import('../../server/transport/gzip-parts.js')>();
  return { ...real, gzipPart: vi.fn(real.gzipPart) };
});

type Fact = Pick<LoggedEvent, 'type' | 'data'>;

/** Small chunks, so a handful of cases spans many of them and a change lands in one. */
const EVERY = { cases: 3, officers: 2 };
/** Cases' chunks cut again, so both cuts are exercised; officers' as `chunksOf` cuts them, as on the server. */
const SPLITS: Splits = { cases: { from: 2, every: 2, max: 3 }, officers: null };

/** The snapshot packed from scratch, its cases cut as the kept parts cut them. */
function fromScratch(snapshot: Snapshot): string {
  const wire = packSnapshot(snapshot, EVERY);
  return JSON.stringify({ ...wire, cases: boundedChunksOf(snapshot.cases, caseKey, EVERY.cases, SPLITS.cases).map(encodeCases) });
}
const SUITES = reference.suites.map((s) => s.id);
const OFFICERS = reference.officers.map((o) => o.id);
const SCOPES: Record<string, Scope> = {
  national: scopeFor('duty_manager', []),
  met: scopeFor('ccu_operator', ['Metropolitan Police']),
  wall: scopeFor('wall', []),
  liaison: scopeFor('police_liaison', ['West Midlands Police']),
};

/** One step of a random history: a few facts about a pool of 30 custody references and the officers. */
const fact: fc.Arbitrary<Fact> = fc.oneof(
  fc.record({ n: fc.nat(29), suite: fc.constantFrom(...SUITES), hoursAgo: fc.integer({ min: 0, max: 30 }), nationality: fc.constantFrom('PL', 'AL', 'RO') }).map(
    ({ n, suite, hoursAgo, nationality }) => booked(`MP/${n}/26`, suite, T0 - hoursAgo * HOUR, { nationality }),
  ),
  fc.nat(29).map((n) => checked(`MP/${n}/26`)),
  fc.nat(29).map((n) => released(`MP/${n}/26`)),
  fc.record({ n: fc.nat(29), suite: fc.constantFrom(...SUITES) }).map(({ n, suite }): Fact => ({ type: 'case.transferred', data: { custodyRef: `MP/${n}/26`, toSuiteId: suite } })),
  fc.constantFrom(...OFFICERS).map(onDuty),
  fc.record({ id: fc.constantFrom(...OFFICERS), suite: fc.constantFrom(...SUITES) }).map(({ id, suite }) => arrived(id, suite)),
  fc
    .subarray(OFFICERS, { minLength: 1 })
    .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ officerId: fc.constant(id), lat: fc.double({ min: 51, max: 53, noNaN: true }), lng: fc.double({ min: -2, max: 0, noNaN: true }) }))))
    .map((positions): Fact => ({ type: 'officers.moved', data: { positions } })),
);

function accepted(state: State, event: LoggedEvent): boolean {
  try {
    applyEvent(fork(state), event);
    return true;
  } catch {
    return false;
  }
}

function scoped(state: State, now: number, scope: Scope): Snapshot {
  return filterSnapshot(snapshotOf(state, now), scope, (ref) => findCase(state, ref)?.suiteId);
}

describe('the packed snapshot kept in parts between hellos', () => {
  it('opens to exactly what packing from scratch gives, after any history, for every scope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fact, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }), async (steps) => {
        const state = initialState(reference);
        const kept = Object.fromEntries(Object.keys(SCOPES).map((name) => [name, new KeptSnapshotParts(EVERY, SPLITS)]));
        let seq = 1;
        for (const [i, facts] of steps.entries()) {
          // A fact the engine would refuse (a release of an unknown case) is left out, as the engine would.
          for (const event of logged(facts, seq, T0 + i * MINUTE * 10)) if (accepted(state, event)) applyEvent(state, event);
          seq += facts.length;
          const now = T0 + i * MINUTE * 10 + 5 * MINUTE;
          // The kept order of cases is the order a fresh sort gives.
          expect(snapshotOf(state, now)).toEqual(snapshotOf(fork(state), now));
          for (const [name, scope] of Object.entries(SCOPES)) {
            const snapshot = scoped(state, now, scope);
            const bytes = await kept[name]!.pack(snapshot);
            expect(gunzipSync(bytes).toString('utf8')).toBe(fromScratch(snapshot));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is one gzip member the platform decompressor opens, with changed and kept parts alike', async () => {
    const state = initialState(reference);
    applyEvents(state, logged([onDuty('MET-IO-01'), ...Array.from({ length: 20 }, (_, n) => booked(`MP/${n}/26`, SUITES[n % 4], T0 - n * HOUR))]));
    const kept = new KeptSnapshotParts(EVERY, SPLITS);
    await kept.pack(scoped(state, T0 + HOUR, SCOPES.national!));
    applyEvents(state, logged([checked('MP/7/26'), released('MP/12/26')], 30));
    const snapshot = scoped(state, T0 + 2 * HOUR, SCOPES.national!);
    expect(packSnapshot(snapshot, EVERY).cases.length).toBeGreaterThan(3);
    expect(await openSnapshot(await kept.pack(snapshot))).toEqual(snapshot);
  });

  it('keeps the earlier chunks when arrests are appended at the end, and compresses only the last and the new ones', async () => {
    // One open-ended chunk as `chunksOf` cuts it (as the national tail is), cut again by the rule.
    const rule: SplitRule = { from: 4, every: 3, max: 6 };
    const kept = new KeptSnapshotParts({ cases: 1_000_000, officers: 2 }, { cases: rule, officers: null });
    const state = initialState(reference);
    applyEvents(state, logged(Array.from({ length: 40 }, (_, n) => booked(`MP/${n}/26`, SUITES[n % 4], T0 - (40 - n) * MINUTE))));
    const first = await kept.pack(scoped(state, T0 + HOUR, SCOPES.national!));
    const before = (JSON.parse(gunzipSync(first).toString('utf8')) as WireSnapshot).cases;
    expect(before.length).toBeGreaterThan(3);

    vi.mocked(gzipPart).mockClear();
    applyEvents(state, logged([booked('MP/100/26', SUITES[0], T0 + MINUTE), booked('MP/101/26', SUITES[1], T0 + 2 * MINUTE)], 41, T0 + MINUTE));
    const snapshot = scoped(state, T0 + HOUR, SCOPES.national!);
    // The new arrests sort after the others.
    expect(snapshot.cases.slice(-2).map((c) => c.custodyRef)).toEqual(['MP/100/26', 'MP/101/26']);
    const after = (JSON.parse(gunzipSync(await kept.pack(snapshot)).toString('utf8')) as WireSnapshot).cases;

    const earlier = before.slice(0, -1).map((t) => JSON.stringify(t));
    expect(after.slice(0, earlier.length).map((t) => JSON.stringify(t))).toEqual(earlier);
    const compressed = vi.mocked(gzipPart).mock.calls.map(([text]) => text);
    for (const text of earlier) expect(compressed).not.toContain(text);
    expect(boundedChunksOf(snapshot.cases, caseKey, 1_000_000, rule).every((chunk) => chunk.length <= rule.max)).toBe(true);
  });

  it('cuts rows appended at the end into the last chunk and new ones only, none over the bound', () => {
    const rule: SplitRule = { from: 3, every: 4, max: 8 };
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 80 }), fc.nat(79), (keys, at) => {
        const cut = Math.min(at, keys.length - 1) + 1;
        const whole = boundedChunksOf(keys, (k) => k, 16, rule);
        const start = boundedChunksOf(keys.slice(0, cut), (k) => k, 16, rule);
        expect(whole.slice(0, start.length - 1)).toEqual(start.slice(0, -1));
        expect(whole.flat()).toEqual(keys);
        expect(Math.max(...whole.map((c) => c.length))).toBeLessThanOrEqual(rule.max);
      }),
    );
  });
});
