import type { LoggedEvent } from '../../protocol/index.js';
import { applyEvent, checkFact, fork, type Rejection, type State } from '../domain/index.js';
import type { Pending } from '../live/write-plans.js';

/** On a refusal, `events` are those before it (applied only when folding in place). */
export type Folded = { ok: true; state: State; events: LoggedEvent[] } | { ok: false; index: number; rejection: Rejection; events: LoggedEvent[] };

/**
 * Decides and applies facts as the engine does, all or nothing, on a copy of the state: each is
 * checked by the domain on the state the ones before it made, numbered after the last seq and
 * recorded when it happened. For ports that stand in for the engine (tests, the history generator).
 * `inPlace` skips the copy (a year of history cannot copy the state for every batch): a refusal
 * then leaves the facts before it applied, and returned, so state and log still agree.
 */
export function foldFacts(state: State, facts: readonly Pending[], inPlace = false): Folded {
  const draft = inPlace ? state : fork(state);
  const events: LoggedEvent[] = [];
  for (const [index, fact] of facts.entries()) {
    const rejection = checkFact(draft, fact, fact.at);
    if (rejection) return { ok: false, index, rejection, events };
    const event = { ...fact, seq: draft.seq + 1, recordedAt: fact.at } as LoggedEvent;
    applyEvent(draft, event);
    draft.seq = event.seq;
    events.push(event);
  }
  return { ok: true, state: draft, events };
}
