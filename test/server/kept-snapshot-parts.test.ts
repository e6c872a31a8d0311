import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openSnapshot, packSnapshot, type LoggedEvent, type Snapshot } from '../../protocol/index.js';
import { applyEvent, applyEvents, findCase, fork, initialState, snapshotOf, type State } from '../../server/domain/index.js';
import { filterSnapshot, scopeFor, type Scope } from '../../server/security/views.js';
import { KeptSnapshotParts } from '../../server/transport/kept-snapshot-parts.js';
import { arrived, booked, checked, HOUR, logged, MINUTE, onDuty, reference, released, T0 } from '../support/reference.js';

type Fact = Pick<LoggedEvent, 'type' | 'data'>;

/** Small chunks, so a handful of cases spans many of them and a change lands in one. */
const EVERY = { cases: 3, officers: 2 };
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
        const kept = Object.fromEntries(Object.keys(SCOPES).map((name) => [name, new KeptSnapshotParts(EVERY)]));
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
            expect(gunzipSync(bytes).toString('utf8')).toBe(JSON.stringify(packSnapshot(snapshot, EVERY)));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is one gzip member the platform decompressor opens, with changed and kept parts alike', async () => {
    const state = initialState(reference);
    applyEvents(state, logged([onDuty('MET-IO-01'), ...Array.from({ length: 20 }, (_, n) => booked(`MP/${n}/26`, SUITES[n % 4], T0 - n * HOUR))]));
    const kept = new KeptSnapshotParts(EVERY);
    await kept.pack(scoped(state, T0 + HOUR, SCOPES.national!));
    applyEvents(state, logged([checked('MP/7/26'), released('MP/12/26')], 30));
    const snapshot = scoped(state, T0 + 2 * HOUR, SCOPES.national!);
    expect(packSnapshot(snapshot, EVERY).cases.length).toBeGreaterThan(3);
    expect(await openSnapshot(await kept.pack(snapshot))).toEqual(snapshot);
  });
});
