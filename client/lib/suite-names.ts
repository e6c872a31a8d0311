import type { SuiteView } from '../../protocol/index.js';

/**
 * Suite names by id, and the same map as `held` for as long as no suite is added, gone or
 * renamed. The live store has a new map of suites whenever a figure changes (each second at
 * national scale); the store keeps this one (`live.suiteNames`), so what shows only names (a
 * list of moves) does not re-run with every figure.
 */
export function namesOf(suites: ReadonlyMap<string, SuiteView>, held: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  if (held.size === suites.size && sameNames(suites, held)) return held;
  return new Map([...suites.values()].map((s) => [s.id, s.name]));
}

/** Looked at every second: walks the suites without copying them into an array first. */
function sameNames(suites: ReadonlyMap<string, SuiteView>, held: ReadonlyMap<string, string>): boolean {
  for (const s of suites.values()) if (held.get(s.id) !== s.name) return false;
  return true;
}
