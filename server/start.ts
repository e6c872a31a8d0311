import { londonDay, londonMidnight, previousDay } from '../protocol/index.js';
import { ensureReference, readInitialHighHarm } from '../db/reference/index.js';
import { decidePublishHighHarm } from './domain/index.js';
import { SqliteStore } from '../db/sqlite-store.js';
import { createApp, type NexusApp } from './app.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { announceFirstUsers } from './first-start.js';
import { createLogger, type Logger } from './log.js';
import { createFirstUsers } from './security/first-users.js';
import { createSimulatorRunner } from './simulator/runner.js';
import { SimulationClock } from './simulator/simulation-clock.js';

export interface RunningServer {
  app: NexusApp;
  port: number;
  stop(): Promise<void>;
}

/** The most a restarted simulator replays of the time it was down. */
const MAX_CATCH_UP_MS = 48 * 3_600_000;

/**
 * Starts the whole product from a configuration: embedded store, reference data, engine, web
 * server and (unless switched off) the simulator, which first fills in today so far. The node
 * reports ready only once all of that is done, and not ready from the first moment of `stop`.
 */
export async function startServer(config: Config, log: Logger = createLogger({ level: config.logLevel }), realClock: Clock = systemClock): Promise<RunningServer> {
  const store = new SqliteStore({ path: config.dbPath, synchronous: config.dbSynchronous });
  const reference = await ensureReference(store);
  const simClock = config.simulator.enabled ? new SimulationClock(realClock, config.simulator.speed) : null;
  const auth = store.authStore();
  const app = await createApp({ store, auth, clock: simClock ?? realClock, config, reference, log });
  const firstUsers = await createFirstUsers(auth, config.simulator.enabled, realClock.now());

  // Where the simulator resumes: read before anything of today is written.
  const lastFactAt = app.engine.lastEventAt;
  if (!app.engine.state.highHarm) {
    const definition = readInitialHighHarm();
    const published = await app.engine.execute((state) => decidePublishHighHarm(state, definition, 'Initial national definition'), 'system');
    if (!published.ok) throw new Error(`The initial High Harm definition was refused: ${published.error.message}`);
  }

  let runner: ReturnType<typeof createSimulatorRunner> | null = null;
  if (simClock) {
    runner = createSimulatorRunner({
      port: app.engine,
      clock: simClock,
      seed: config.simulator.seed,
      autoDispatch: config.simulator.autoDispatch,
      log,
    });
    // Never run time backwards: a fast simulator may have got ahead of the real clock.
    const to = Math.max(realClock.now(), lastFactAt ?? 0);
    // A new database starts with yesterday too, so cells, queues and comparisons are not empty.
    const from = lastFactAt ?? londonMidnight(previousDay(londonDay(to)));
    await runner.catchUp(Math.max(from, to - MAX_CATCH_UP_MS), to);
    runner.start();
  }

  const port = await app.listen(config.port, config.host);
  app.readiness.started();
  log.info('server.started', {
    port,
    db: config.dbPath,
    seq: app.engine.seq,
    simulator: config.simulator.enabled ? `seed ${config.simulator.seed}, speed ${config.simulator.speed}x` : 'off',
  });
  if (firstUsers.length) {
    const file = announceFirstUsers(firstUsers, port, config.dbPath);
    log.info('first_start.accounts_created', { usernames: firstUsers.map((a) => a.username).join(','), passwordsIn: file ?? 'the terminal only' });
  }
  return {
    app,
    port,
    stop: async () => {
      app.readiness.stopping();
      await runner?.stop();
      await app.close();
      await store.close();
    },
  };
}
