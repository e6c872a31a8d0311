import { caseRecordOf, findCase, mayPruneClosedCases, type CaseRecord, type State } from '../domain/index.js';

/**
 * The read-model rows of one write (decision 57): each case it touched, as it stands after the
 * write's last fact about it. A row is built once per case per write, not after every fact (the
 * case's JSON and days are most of a fact's cost), and before any fact that may prune released
 * cases from memory, so a case dropped part-way through a long import still gets its last row.
 */
export class WriteRecords {
  readonly #state: State;
  /** Touched cases whose rows are not built yet, with the position of the last fact that touched each. */
  readonly #pending = new Map<string, number>();
  readonly #built = new Map<string, CaseRecord>();

  constructor(state: State) {
    this.#state = state;
  }

  /** Call before folding each fact. */
  before(fact: { readonly type: string; readonly at: number }): void {
    if (this.#pending.size > 0 && mayPruneClosedCases(this.#state, fact)) this.#build();
  }

  /** Call after folding the fact at `seq`, with the cases it changed. */
  touched(cases: readonly string[], seq: number): void {
    for (const ref of cases) this.#pending.set(ref, seq);
  }

  /** The rows as the state stands now, one per case still or once held. */
  records(): CaseRecord[] {
    this.#build();
    return [...this.#built.values()];
  }

  #build(): void {
    for (const [ref, seq] of this.#pending) {
      const kase = findCase(this.#state, ref);
      if (kase) this.#built.set(ref, caseRecordOf(kase, seq));
    }
    this.#pending.clear();
  }
}
