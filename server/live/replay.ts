import type { EventStore } from '../../db/store.js';
import type { Snapshot } from '../../protocol/index.js';
import { applyEvent, initialState, snapshotOf, type AlertSettings, type Reference } from '../domain/index.js';

/**
 * The state as the screens knew it at an instant: every event recorded by then, folded from the
 * start with the same reducer, so "Tuesday 16:00" is what it was. The snapshot's seq is the last
 * event included.
 */
export async function replayAt(store: EventStore, reference: Reference, at: number, alertSettings?: AlertSettings): Promise<Snapshot> {
  const state = initialState(reference);
  const page = 10_000;
  for (let cursor = 0; ; ) {
    const events = await store.eventsAfter(cursor, page);
    for (const e of events) {
      // Skip, not stop: a backfill can record older facts after a newer one (a first start
      // publishes High Harm at the real time, then the simulator fills in yesterday).
      if (e.recordedAt <= at) {
        applyEvent(state, e);
        state.seq = e.seq;
      }
      cursor = e.seq;
    }
    if (events.length < page) return snapshotOf(state, at, alertSettings);
  }
}
