import type { LoggedEvent } from '../../protocol/index.js';
import { SeqConflict, type EventStore } from '../../db/store.js';
import { logged } from './reference.js';

type Fact = Pick<LoggedEvent, 'type' | 'data'>;

/**
 * A writer that never needs to decide again (tests, measures): appends one batch numbered after
 * the last seq it knows, renumbering after each SeqConflict until it commits. Facts are stored as
 * `actor`, with source ids `<actor>-<batch>-<i>`. Returns the new last seq and the conflicts met.
 */
export async function appendRenumbering(store: EventStore, facts: readonly Fact[], lastKnown: number, actor: string, batch: number): Promise<{ last: number; conflicts: number }> {
  let last = lastKnown;
  for (let conflicts = 0; ; conflicts++) {
    const events = logged(facts, last + 1).map((e, i) => ({ ...e, actor, sourceEventId: `${actor}-${batch}-${i}` }));
    try {
      await store.append(events);
      return { last: events.at(-1)!.seq, conflicts };
    } catch (error) {
      if (!(error instanceof SeqConflict)) throw error;
      last = error.actual;
    }
  }
}
