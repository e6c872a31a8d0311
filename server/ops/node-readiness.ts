import type { EventStore } from '../../db/store.js';
import type { Logger } from '../log.js';
import { projectionLag } from './projection-lag.js';
import { Readiness } from './readiness.js';

/** A node is ready when its database answers and its live state has caught up with the log. */
export function nodeReadiness(nodeId: string, log: Logger, store: EventStore, engine: { readonly seq: number }): Readiness {
  const readiness = new Readiness(nodeId, log);
  readiness.add('database', async () => {
    await store.lastSeq(); // it answers; a throw or a hang (the probe's timeout) says it does not
    return { ok: true };
  });
  readiness.add('projection', async () => {
    const lag = await projectionLag(store, engine);
    return lag === 0 ? { ok: true } : { ok: false, detail: `${lag} events behind the log` };
  });
  return readiness;
}
