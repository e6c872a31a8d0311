import type { EventStore } from '../../db/store.js';
import type { ReportProgress, Snapshot } from '../../protocol/index.js';
import { applyEvent, initialState, snapshotOf, type AlertSettings, type Reference } from '../domain/index.js';

/** Events read from the log per query. */
const PAGE = 10_000;

export interface ReplayOptions {
  alertSettings?: AlertSettings | undefined;
  /** Told after each page: events read of those in the log when the replay began. */
  progress?: ReportProgress;
  /** Stops reading (and rejects with its reason) when the caller has gone. */
  signal?: AbortSignal;
}

/**
 * The state as the screens knew it at an instant: every event recorded by then, folded from the
 * start with the same reducer, so "Tuesday 16:00" is what it was. The snapshot's seq is the last
 * event included.
 */
export async function replayAt(store: EventStore, reference: Reference, at: number, options: ReplayOptions = {}): Promise<Snapshot> {
  const state = initialState(reference);
  const total = await store.lastSeq();
  options.progress?.(0, total);
  for (let cursor = 0; ; ) {
    options.signal?.throwIfAborted();
    const events = await store.eventsAfter(cursor, PAGE);
    for (const e of events) {
      // Skip, not stop: a backfill can record older facts after a newer one (a first start
      // publishes High Harm at the real time, then the simulator fills in yesterday).
      if (e.recordedAt <= at) {
        applyEvent(state, e);
        state.seq = e.seq;
      }
      cursor = e.seq;
    }
    options.progress?.(Math.min(cursor, total), total);
    if (events.length < PAGE) {
      options.progress?.(total, total);
      return snapshotOf(state, at, options.alertSettings);
    }
  }
}
