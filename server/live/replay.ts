import type { EventStore } from '../../db/store.js';
import type { Snapshot } from '../../protocol/index.js';
import { applyEvent, initialState, snapshotOf, type AlertSettings, type Reference } from '../domain/index.js';

/**
 * The state as the screens knew it at an instant: every event recorded by then, folded from the
 * start. Pure replay of the log (the same reducer), so "Tuesday 16:00" is exactly what it was.
 */
export async function replayAt(store: EventStore, reference: Reference, at: number, alertSettings?: AlertSettings): Promise<Snapshot> {
  const state = initialState(reference);
  const page = 10_000;
  for (;;) {
    const events = await store.eventsAfter(state.seq, page);
    for (const e of events) {
      if (e.recordedAt > at) return snapshotOf(state, at, alertSettings);
      applyEvent(state, e);
      state.seq = e.seq;
    }
    if (events.length < page) return snapshotOf(state, at, alertSettings);
  }
}
