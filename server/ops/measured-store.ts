import type { EventStore } from '../../db/store.js';
import type { NexusMetrics } from './metrics.js';

/**
 * The store the engine writes through, timing each append and counting the facts it stored by
 * type and source. Every other method passes straight to the store underneath, so a method added
 * to EventStore needs nothing here.
 */
export function measuredStore(store: EventStore, metrics: Pick<NexusMetrics, 'appendSeconds' | 'factsAppended'>): EventStore {
  const append: EventStore['append'] = async (events, readModels) => {
    const end = metrics.appendSeconds.startTimer();
    try {
      await store.append(events, readModels);
    } finally {
      end();
    }
    for (const event of events) metrics.factsAppended.inc({ type: event.type, source: event.source });
  };
  return new Proxy(store, {
    get(target, key) {
      if (key === 'append') return append;
      const value: unknown = Reflect.get(target, key, target);
      // Methods run on the real store: its private fields are not visible through a proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
