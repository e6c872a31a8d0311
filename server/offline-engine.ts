import { openStores, type Stores } from '../db/open-stores.js';
import { ensureReference, readInitialHighHarm } from '../db/reference/index.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { decidePublishHighHarm, type Reference } from './domain/index.js';
import { LiveEngine } from './live/engine.js';
import { silentLogger, type Logger } from './log.js';

export interface OfflineEngine {
  stores: Stores;
  engine: LiveEngine;
  reference: Reference;
  /** Waits for writes, writes a checkpoint, closes the stores. */
  close(): Promise<void>;
}

/**
 * The engine of a command-line tool (import, retention) on the configured database, set up as a
 * node starts: reference data, the state folded from the log, the initial High Harm definition on
 * a new database. It appends through the same engine as a server, so on a cluster the nodes hear
 * its facts; on SQLite a running server reads them before its next write.
 */
export async function openOfflineEngine(config: Config, log: Logger = silentLogger): Promise<OfflineEngine> {
  const stores = await openStores({ databaseUrl: config.databaseUrl ?? undefined, sqlitePath: config.dbPath, synchronous: config.dbSynchronous, log });
  try {
    const reference = await ensureReference(stores.store);
    const engine = await LiveEngine.open({ store: stores.store, clock: systemClock, reference, log });
    const definition = readInitialHighHarm();
    const published = await engine.execute((state) => (state.highHarm ? { ok: true, events: [] } : decidePublishHighHarm(state, definition, 'Initial national definition')), 'system');
    if (!published.ok) throw new Error(`The initial High Harm definition was refused: ${published.error.message}`);
    return {
      stores,
      engine,
      reference,
      close: async () => {
        await engine.close();
        await stores.close();
      },
    };
  } catch (error) {
    await stores.close();
    throw error;
  }
}
