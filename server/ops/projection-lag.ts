import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore } from '../../db/store.js';

/**
 * How many events the log holds that this node's live state has not applied yet: 0 on a single
 * node that has caught up. The log is read first, then the state one turn later, because a commit
 * whose append has just returned applies its changes in that turn: a write in flight is not lag.
 */
export async function projectionLag(store: Pick<EventStore, 'lastSeq'>, engine: { readonly seq: number }): Promise<number> {
  const stored = await store.lastSeq();
  await nextTurn();
  return Math.max(0, stored - engine.seq);
}
