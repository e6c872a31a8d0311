import type { Delta } from '../../protocol/index.js';

/**
 * One scope's deltas as JSON text, each written once: while a crowd of screens catches up (after
 * drops, a restart, a failover), every reply holds mostly the same deltas, and writing them per
 * socket was most of a hello's cost. Keyed by the engine's own delta, so the text goes when the
 * delta buffer lets the delta go.
 */
export class DeltaJson {
  readonly #json = new WeakMap<Delta, string>();
  readonly #filter: (deltas: readonly Delta[]) => Delta[];

  /** `filter`: what the scope may see of each delta, one out for one in (security/views.ts). */
  constructor(filter: (deltas: readonly Delta[]) => Delta[]) {
    this.#filter = filter;
  }

  /** The JSON array of `deltas` as this scope sees them. */
  list(deltas: readonly Delta[]): string {
    const missing = deltas.filter((d) => !this.#json.has(d));
    if (missing.length > 0) this.#filter(missing).forEach((seen, i) => this.#json.set(missing[i]!, JSON.stringify(seen)));
    return `[${deltas.map((d) => this.#json.get(d)!).join(',')}]`;
  }
}
