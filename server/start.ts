import { londonDay, londonMidnight, previousDay } from '../protocol/index.js';
import { ensureReference, readInitialHighHarm } from '../db/reference/index.js';
import { decidePublishHighHarm } from './domain/index.js';
import { SqliteStore } from '../db/sqlite-store.js';
import { createApp, type NexusApp } from './app.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { jsonLogger, type Logger } from './log.js';
import { createFirstUsers, type CreatedAccount } from './security/first-users.js';
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
 * server and (unless switched off) the simulator, which first fills in today so far.
 */
export async function startServer(config: Config, log: Logger = jsonLogger(), realClock: Clock = systemClock): Promise<RunningServer> {
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
    });
    // Never run time backwards: a fast simulator may have got ahead of the real clock.
    const to = Math.max(realClock.now(), lastFactAt ?? 0);
    // A new database starts with yesterday too, so cells, queues and comparisons are not empty.
    const from = lastFactAt ?? londonMidnight(previousDay(londonDay(to)));
    await runner.catchUp(Math.max(from, to - MAX_CATCH_UP_MS), to);
    runner.start();
  }

  const port = await app.listen(config.port, config.host);
  log.info('server.started', {
    port,
    db: config.dbPath,
    seq: app.engine.seq,
    simulator: config.simulator.enabled ? `seed ${config.simulator.seed}, speed ${config.simulator.speed}x` : 'off',
  });
  if (firstUsers.length) printFirstUsers(firstUsers, port);
  return {
    app,
    port,
    stop: async () => {
      await runner?.stop();
      await app.close();
      await store.close();
    },
  };
}

/** Shown once, on the console of the machine that created them; the passwords are not stored. */
function printFirstUsers(accounts: CreatedAccount[], port: number): void {
  const lines = [
    'First start: these accounts were created. Sign in at http://localhost:' + port,
    'The passwords are shown only now. Change them, or create named users, from the Admin page.',
    ...accounts.map((a) => `  ${a.role.padEnd(14)} username: ${a.username.padEnd(14)} password: ${a.password}`),
  ];
  const width = Math.max(...lines.map((l) => l.length));
  console.log(['', '='.repeat(width), ...lines, '='.repeat(width), ''].join('\n'));
}
