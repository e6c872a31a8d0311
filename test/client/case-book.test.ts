import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseView } from '../../protocol/index.js';
import { compareQueue } from '../../protocol/queue-order.js';
import { CaseBook } from '../../client/lib/case-book.js';

const SUITES = ['met-brixton', 'met-croydon', 'gmp-bootle'];
const REFS = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'];
const T0 = Date.UTC(2026, 11, 4, 9);

/** A valid case with what the lists care about; the rest as an arrest leaves it. */
function kase(custodyRef: string, suiteId: string, o: { highHarm?: boolean; wait?: number; left?: number; checked?: boolean; released?: boolean } = {}): CaseView {
  const relevantTime = T0 - (o.wait ?? 0) * 60_000;
  return CaseView.parse({
    custodyRef,
    suiteId,
    region: 'London',
    nationality: 'ALB',
    iabsMatch: false,
    relevantTime,
    offenceCategory: 'theft',
    intelFlags: [],
    priorOffences: 0,
    highHarm: { highHarm: o.highHarm ?? false, rule: null, version: 1 },
    referredAt: null,
    acro: { requestedAt: null, returnedAt: null, overseasConvictions: null },
    checkStarted: null,
    declined: null,
    check: o.checked ? { at: T0, officerId: 'MET-ICE-01', mode: 'face_to_face', outcome: 'no_trace' } : null,
    interviewAt: null,
    decision: null,
    travelDocument: 'unknown',
    etd: { required: false, appliedAt: null, agreedAt: null },
    paceLimitHours: 24,
    paceDeadline: T0 + (o.left ?? 24 * 60) * 60_000,
    released: o.released ? { at: T0, disposal: 'charged' } : null,
    nonAttendance: null,
  });
}

/** The lists built from scratch from every case held, as the store did before decision 71. */
function fromScratch(cases: Iterable<CaseView>, suiteId: string) {
  const all = [...cases].filter((c) => c.suiteId === suiteId);
  return {
    all: all.map((c) => c.custodyRef).sort(),
    waiting: all.filter((c) => c.released === null && c.check === null).sort(compareQueue),
  };
}

const aCase = fc
  .record({
    ref: fc.constantFrom(...REFS),
    suite: fc.constantFrom(...SUITES),
    highHarm: fc.boolean(),
    wait: fc.integer({ min: 0, max: 4 }),
    left: fc.integer({ min: 0, max: 4 }),
    checked: fc.boolean(),
    released: fc.boolean(),
  })
  .map(({ ref, suite, ...o }) => ({ put: kase(ref, suite, o) }));
const aDrop = fc.constantFrom(...REFS).map((ref) => ({ drop: ref }));
/** A batch: what one second's deltas bring (ties in the queue order are likely: small ranges). */
const aBatch = fc.array(fc.oneof(aCase, aCase, aDrop), { maxLength: 6 });

describe('cases kept in place (the live store, decision 71)', () => {
  it('gives every suite the same lists as building them from scratch, and a new list only where something changed', () => {
    // `look`: whether a screen reads the suites after the batch (lists are rebuilt when read).
    const aSecond = fc.record({ batch: aBatch, look: fc.boolean() });
    fc.assert(
      fc.property(fc.array(aSecond, { maxLength: 12 }), (seconds) => {
        const book = new CaseBook();
        const held = new Map<string, CaseView>();
        let seen = new Map(SUITES.map((s) => [s, { all: book.casesAt(s), waiting: book.waitingAt(s) }]));
        const touched = new Set<string>();
        for (const { batch, look } of seconds) {
          for (const step of batch) {
            if ('put' in step) {
              book.put(step.put);
              held.set(step.put.custodyRef, step.put);
            } else {
              book.drop(step.drop);
              held.delete(step.drop);
            }
          }
          for (const suiteId of book.takeTouched()) touched.add(suiteId);
          expect(new Map(book.byRef)).toEqual(held);
          if (!look) continue;
          for (const suiteId of SUITES) {
            const want = fromScratch(held.values(), suiteId);
            const all = book.casesAt(suiteId);
            const waiting = book.waitingAt(suiteId);
            expect(all.map((c) => c.custodyRef).sort()).toEqual(want.all);
            expect(all.every((c) => held.get(c.custodyRef) === c)).toBe(true);
            expect(waiting).toEqual(want.waiting);
            expect(waiting.every((c, i) => c === want.waiting[i])).toBe(true);
            // Its readers look again only if a batch touched it, and see a new list only if it changed.
            const was = seen.get(suiteId)!;
            const same = sameItems(all, was.all) && sameItems(waiting, was.waiting);
            if (!same) expect(touched.has(suiteId)).toBe(true);
            expect(all === was.all && waiting === was.waiting).toBe(same);
          }
          seen = new Map(SUITES.map((s) => [s, { all: book.casesAt(s), waiting: book.waitingAt(s) }]));
          touched.clear();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moves a transferred case from one suite to the other and forgets everything when cleared', () => {
    const book = new CaseBook();
    book.put(kase('A1', 'met-brixton', { wait: 30 }));
    book.put(kase('A2', 'met-brixton', { wait: 10, highHarm: true }));
    book.takeTouched();
    expect(book.waitingAt('met-brixton').map((c) => c.custodyRef)).toEqual(['A2', 'A1']);

    book.put(kase('A2', 'met-croydon', { wait: 10, highHarm: true }));
    expect([...book.takeTouched()].sort()).toEqual(['met-brixton', 'met-croydon']);
    expect(book.waitingAt('met-brixton').map((c) => c.custodyRef)).toEqual(['A1']);
    expect(book.waitingAt('met-croydon').map((c) => c.custodyRef)).toEqual(['A2']);

    book.clear();
    expect([...book.takeTouched()].sort()).toEqual(['met-brixton', 'met-croydon']);
    expect(book.byRef.size).toBe(0);
    expect(book.casesAt('met-brixton')).toEqual([]);
    expect(book.waitingAt('met-croydon')).toEqual([]);
  });

  it('touches no suite when the same view is put again or an unknown reference is dropped', () => {
    const book = new CaseBook();
    const a1 = kase('A1', 'met-brixton');
    book.put(a1);
    book.takeTouched();
    const waiting = book.waitingAt('met-brixton');
    book.put(a1);
    book.drop('NOT-HELD');
    expect(book.takeTouched().size).toBe(0);
    expect(book.waitingAt('met-brixton')).toBe(waiting);
  });

  it('keeps a suite’s queue when what changed there leaves it as it was (a released person’s case)', () => {
    const book = new CaseBook();
    book.put(kase('A1', 'met-brixton'));
    book.put(kase('A2', 'met-brixton', { released: true }));
    const waiting = book.waitingAt('met-brixton');
    const all = book.casesAt('met-brixton');
    book.put(kase('A2', 'met-brixton', { released: true, checked: true }));
    expect(book.takeTouched().has('met-brixton')).toBe(true);
    expect(book.waitingAt('met-brixton')).toBe(waiting);
    expect(book.casesAt('met-brixton')).not.toBe(all);
  });
});

function sameItems(a: readonly CaseView[], b: readonly CaseView[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
