import type { CaseView } from '../../protocol/index.js';
import { compareQueue } from '../../protocol/queue-order.js';

const NO_CASES: readonly CaseView[] = [];

/** One suite's cases, and the two lists its readers take, rebuilt when read after a change. */
interface SuiteCases {
  readonly held: Map<string, CaseView>;
  all: readonly CaseView[];
  waiting: readonly CaseView[];
  stale: boolean;
}

/**
 * Every case a screen holds, kept in place (decision 71): one map by custody reference and, per
 * suite, who is held there and who waits for a check in queue order. A batch of ten changed cases
 * touches the suites they are at, not two thousand entries and every queue; a touched suite's
 * lists are rebuilt when next read (most screens show one suite, or none), and keep their
 * identity unless what is in them changed. Cases themselves are never changed: a changed case
 * is a new view, as the server sent it.
 */
export class CaseBook {
  readonly #byRef = new Map<string, CaseView>();
  readonly #bySuite = new Map<string, SuiteCases>();
  /** Suites put or dropped into since the last `takeTouched`. */
  #touched = new Set<string>();

  /** Every case by custody reference: the same map, changed in place. */
  get byRef(): ReadonlyMap<string, CaseView> {
    return this.#byRef;
  }

  /** Every case held at a suite (open, or released today), in no particular order. */
  casesAt(suiteId: string): readonly CaseView[] {
    return this.#fresh(suiteId)?.all ?? NO_CASES;
  }

  /** Who waits for a check at a suite (in custody, no outcome yet), in the one queue order server and screens share. */
  waitingAt(suiteId: string): readonly CaseView[] {
    return this.#fresh(suiteId)?.waiting ?? NO_CASES;
  }

  /** Holds a case, replacing the one with its custody reference (which may have been at another suite). */
  put(c: CaseView): void {
    const old = this.#byRef.get(c.custodyRef);
    if (old === c) return;
    this.#byRef.set(c.custodyRef, c);
    if (old && old.suiteId !== c.suiteId) this.#leave(old);
    let suite = this.#bySuite.get(c.suiteId);
    if (!suite) this.#bySuite.set(c.suiteId, (suite = { held: new Map(), all: NO_CASES, waiting: NO_CASES, stale: false }));
    suite.held.set(c.custodyRef, c);
    suite.stale = true;
    this.#touched.add(c.suiteId);
  }

  /** Forgets a case; a reference not held is ignored. */
  drop(custodyRef: string): void {
    const old = this.#byRef.get(custodyRef);
    if (!old) return;
    this.#byRef.delete(custodyRef);
    this.#leave(old);
  }

  /** Forgets everything (before a snapshot); every suite held counts as changed. */
  clear(): void {
    for (const [suiteId, suite] of this.#bySuite) {
      suite.held.clear();
      suite.stale = true;
      this.#touched.add(suiteId);
    }
    this.#byRef.clear();
  }

  /** The suites put or dropped into since the last call: whose readers should look again. */
  takeTouched(): ReadonlySet<string> {
    const touched = this.#touched;
    this.#touched = new Set();
    return touched;
  }

  /** A suite with its lists up to date: a list with the same cases in the same order is kept. */
  #fresh(suiteId: string): SuiteCases | undefined {
    const suite = this.#bySuite.get(suiteId);
    if (!suite?.stale) return suite;
    const all = [...suite.held.values()];
    const waiting = all.filter((c) => c.released === null && c.check === null).sort(compareQueue);
    if (!sameCases(all, suite.all)) suite.all = all.length > 0 ? all : NO_CASES;
    if (!sameCases(waiting, suite.waiting)) suite.waiting = waiting.length > 0 ? waiting : NO_CASES;
    suite.stale = false;
    return suite;
  }

  #leave(c: CaseView): void {
    const suite = this.#bySuite.get(c.suiteId);
    if (!suite) return;
    suite.held.delete(c.custodyRef);
    suite.stale = true;
    this.#touched.add(c.suiteId);
  }
}

function sameCases(a: readonly CaseView[], b: readonly CaseView[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
