/**
 * Remembers a computation over the live state while the log has not moved and for at most
 * `maxAgeMs` of the engine's clock: every screen asks the same question after each change, and
 * the answer (alerts, queues, advice) only depends on the state and, slowly, on the time.
 */
export function recent<T>(engine: { readonly seq: number; now(): number }, maxAgeMs: number, compute: () => T): () => T {
  let last: { seq: number; at: number; value: T } | null = null;
  return () => {
    const at = engine.now();
    if (last && last.seq === engine.seq && at >= last.at && at - last.at < maxAgeMs) return last.value;
    const value = compute();
    last = { seq: engine.seq, at, value };
    return value;
  };
}
