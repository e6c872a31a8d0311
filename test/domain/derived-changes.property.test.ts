import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DerivedUpdate, foldDerivedUpdate, type HeldDerived, type LiveDerived, type LoggedEvent, type PrincipalRole } from '../../protocol/index.js';
import { applyEvent, checkFact, derivedOf, findCase, initialState, type State } from '../../server/domain/index.js';
import { filterDerived, scopeFor, type Scope } from '../../server/security/views.js';
import { DerivedFeed } from '../../server/transport/derived-feed.js';
import { booked, MINUTE, onDuty, publishedV1, reference, T0 } from '../support/reference.js';

type Fact = Pick<LoggedEvent, 'type' | 'data'>;

/** The scopes a derived view is cut for: national, one region, redacted (the wall), demand only (police liaison). */
const SCOPES: [PrincipalRole, string[]][] = [
  ['duty_manager', []],
  ['ccu_operator', ['Metropolitan Police']],
  ['wall', []],
  ['police_liaison', ['West Midlands Police']],
  ['duty_manager', ['West Midlands Police']],
];
const OPEN_SUITES = ['met-brixton', 'met-croydon', 'wmp-perry-barr'];
const SUITES = [...OPEN_SUITES, 'met-kilburn'];
const OFFICERS = reference.officers.map((o) => o.id);

/** One random step, read against the state when it runs: a fact (if the state takes it), or time passing. */
const Step = fc.record({ op: fc.integer({ min: 0, max: 13 }), a: fc.nat(1_000), b: fc.nat(1_000) });
type Step = typeof Step extends fc.Arbitrary<infer T> ? T : never;
/** What happens between two recomputations of the derived view (the server's are a second apart). */
const Batch = fc.array(Step, { minLength: 1, maxLength: 12 });

class World {
  readonly state: State = initialState(reference);
  now = T0;
  #booked = 0;

  constructor() {
    for (const fact of [publishedV1(), ...OFFICERS.map(onDuty)]) this.apply(fact);
  }

  apply(fact: Fact): void {
    if (checkFact(this.state, fact as never, this.now) !== null) return; // a fact this state refuses: the engine would too
    const seq = this.state.seq + 1;
    applyEvent(this.state, { ...fact, seq, at: this.now, recordedAt: this.now, actor: 'test', source: 'test', sourceEventId: null } as LoggedEvent);
    this.state.seq = seq;
  }

  derived(): LiveDerived {
    return derivedOf(this.state, this.now);
  }

  run({ op, a, b }: Step): void {
    const cases = [...this.state.cases.keys()];
    const ref = cases.length ? cases[a % cases.length]! : 'MP/0000/26';
    const officer = OFFICERS[a % OFFICERS.length]!;
    const suite = SUITES[b % SUITES.length]!;
    this.now += (b % 5) * MINUTE;
    switch (op) {
      case 0:
      case 1:
      case 13: {
        const custodyRef = `MP/${String(++this.#booked).padStart(4, '0')}/26`;
        const offence = b % 3 === 0 ? { offenceCategory: 'murder' as const } : {};
        // Relevant times on the hour, so alerts often begin at the same instant and their order falls to the id.
        return this.apply(booked(custodyRef, OPEN_SUITES[a % OPEN_SUITES.length]!, this.now - (b % 22) * 60 * MINUTE, { iabsMatch: a % 2 === 0, ...offence }));
      }
      case 2:
        return this.apply({ type: 'check.completed', data: { custodyRef: ref, officerId: b % 2 ? null : officer, mode: b % 2 ? 'remote' : 'face_to_face', outcome: b % 4 ? 'immigration_offender' : 'no_trace' } });
      case 3:
        return this.apply({ type: 'detainee.released', data: { custodyRef: ref, disposal: 'bailed' } });
      case 4:
        return this.apply({ type: 'check.started', data: { custodyRef: ref, officerId: null, mode: 'remote' } });
      case 5:
        return this.apply({ type: 'attendance.declined', data: { custodyRef: ref, officerId: officer, reason: 'busy_with_another_case', note: null } });
      case 6:
        return this.apply({ type: 'officer.arrived', data: { officerId: officer, suiteId: suite } });
      case 7:
        return this.apply({ type: 'officer.rostered', data: { officerId: officer, status: b % 3 ? 'available' : 'off_duty' } });
      case 8: {
        const alerts = this.derived().alerts;
        if (alerts.length) this.apply({ type: 'alert.acknowledged', data: { alertId: alerts[b % alerts.length]!.id, note: null } });
        return;
      }
      case 9:
        return this.apply({ type: 'pace.extended', data: { custodyRef: ref, limitHours: 36 } });
      case 10:
        return this.apply({ type: b % 2 ? 'suite.closed' : 'suite.reopened', data: { suiteId: suite } });
      case 11:
        return this.apply({
          type: 'officer.assigned',
          data: { officerId: officer, origin: { kind: 'not_recorded' }, toSuiteId: suite, reason: null, etaAt: this.now + (b % 90) * MINUTE, demand: null, recommended: false },
        });
      case 12:
        // Time alone: PACE deadlines near, waits pass an hour, moves go unacknowledged.
        this.now += (b % 360) * MINUTE;
        return;
    }
  }
}

function scoped(world: World, scope: Scope, all: LiveDerived): LiveDerived {
  const suiteIds = new Set([...world.state.suites.values()].filter((s) => scope.regions === null || scope.regions.has(s.region)).map((s) => s.id));
  return filterDerived(all, scope, suiteIds, (ref) => findCase(world.state, ref)?.suiteId);
}

const ordered = (view: LiveDerived) => ({ ...view, capacity: Object.fromEntries(Object.entries(view.capacity).sort(([a], [b]) => (a < b ? -1 : 1))) });

/** As over the wire: JSON, then the contract's schema. */
const wire = (update: DerivedUpdate): DerivedUpdate => DerivedUpdate.parse(JSON.parse(JSON.stringify(update)));

function fold(held: HeldDerived | null, updates: readonly DerivedUpdate[]): HeldDerived {
  let out = held;
  for (const update of updates) {
    const next = foldDerivedUpdate(out, wire(update));
    if (next === null) throw new Error(`update ${update.version} does not follow ${JSON.stringify(out?.cursor)}`);
    if (next !== 'stale') out = next;
  }
  if (!out) throw new Error('nothing held');
  return out;
}

describe('the derived view as changes', () => {
  it('for every scope, the changes fold to exactly the view computed from scratch, after every step', () => {
    fc.assert(
      fc.property(fc.array(Batch, { minLength: 1, maxLength: 30 }), (batches) => {
        const world = new World();
        const scopes = SCOPES.map(([role, regions]) => scopeFor(role, regions));
        const first = world.derived();
        const feeds = scopes.map((scope) => new DerivedFeed(scoped(world, scope, first)));
        const screens = feeds.map((feed) => fold(null, feed.since(null)));
        for (const batch of batches) {
          for (const step of batch) world.run(step);
          const all = world.derived();
          scopes.forEach((scope, i) => {
            const fresh = scoped(world, scope, all);
            const update = feeds[i]!.advance(fresh);
            if (update) screens[i] = fold(screens[i]!, [update]);
            expect(screens[i]!.view).toEqual(fresh);
            // The same order of alerts and of the queue (capacity is keyed by suite: its key order means nothing).
            expect(JSON.stringify(ordered(screens[i]!.view))).toBe(JSON.stringify(ordered(fresh)));
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a screen that comes back with an older version gets exactly the changes it missed, and ends equal to a fresh screen', () => {
    fc.assert(
      fc.property(fc.array(Batch, { minLength: 2, maxLength: 30 }), fc.nat(), (batches, cut) => {
        const world = new World();
        const scope = scopeFor('duty_manager', []);
        const feed = new DerivedFeed(scoped(world, scope, world.derived()));
        let away: HeldDerived | null = null;
        const stopAt = cut % batches.length;
        let missed = 0;
        batches.forEach((batch, i) => {
          if (i === stopAt) away = fold(null, feed.since(null));
          for (const step of batch) world.run(step);
          if (feed.advance(scoped(world, scope, world.derived())) && away) missed++;
        });
        const resumed = feed.since(away!.cursor);
        expect(resumed.every((u) => u.kind === 'change')).toBe(true);
        expect(resumed).toHaveLength(missed);
        const back = fold(away, resumed);
        const fresh = fold(null, feed.since(null));
        expect(back).toEqual(fresh);
        expect(back.view).toEqual(scoped(world, scope, world.derived()));
      }),
      { numRuns: 100 },
    );
  });

  it('a version from another feed (another node, or before a restart) gets the view whole', () => {
    const world = new World();
    const view = scoped(world, scopeFor('wall', []), world.derived());
    const here = new DerivedFeed(view);
    const elsewhere = new DerivedFeed(view);
    expect(here.since(elsewhere.cursor)).toEqual([{ kind: 'whole', feed: here.id, version: 0, view }]);
    expect(here.since({ feed: here.id, version: 7 })).toMatchObject([{ kind: 'whole' }]); // a version this feed never had
  });
});
