import type { EventStore } from '../../db/store.js';
import type { Logger } from '../log.js';
import { projectionLag } from './projection-lag.js';
import { Readiness } from './readiness.js';

/** A node is ready when its database answers and its live state has caught up with the log. */
export function nodeReadiness(nodeId: string, log: Logger, store: EventStore, engine: { readonly seq: number; follow(): Promise<void> }): Readiness {
  const readiness = new Readiness(nodeId, log);
  readiness.add('database', async () => {
    await store.lastSeq(); // it answers; a throw or a hang (the probe's timeout) says it does not
    return { ok: true };
  });
  readiness.add('projection', async () => {
    // In a cluster other nodes append all the time: behind now is normal for a moment. Catch up
    // (as a notification would have made us) and only a node still behind after that is not ready.
    if ((await projectionLag(store, engine)) > 0) await engine.follow();
    const lag = await projectionLag(store, engine);
    return lag === 0 ? { ok: true } : { ok: false, detail: `${lag} events behind the log` };
  });
  return readiness;
}
