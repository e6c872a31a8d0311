import { createAdapter } from '@socket.io/redis-adapter';
import { ensureReference, readInitialHighHarm } from '../db/reference/index.js';
import { openStores } from '../db/open-stores.js';
import { decidePublishHighHarm } from './domain/index.js';
import { createApp, type NexusApp } from './app.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { announceFirstUsers } from './first-start.js';
import { createLogger, type Logger } from './log.js';
import { followLog } from './cluster/log-follower.js';
import { RedisLimitStore } from './cluster/redis-limit-store.js';
import { RedisLink } from './cluster/redis-link.js';
import { SimulatorJob } from './cluster/simulator-job.js';
import { createFirstUsers } from './security/first-users.js';
import { RetentionJob } from './retention/retention-job.js';
import { SimulationClock } from './simulator/simulation-clock.js';

export interface RunningServer {
  app: NexusApp;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts one node from a configuration: its stores (the embedded SQLite file, or PostgreSQL for a
 * cluster), reference data, engine, web server, the follower that keeps it up with other nodes'
 * appends, and the jobs one node does alone while it leads (the simulator, checkpoints). With the
 * simulator on, the node that leads first fills in today so far. The node reports ready only once
 * it has started, and not ready from the first moment of `stop`.
 */
export async function startServer(config: Config, log: Logger = createLogger({ level: config.logLevel }), realClock: Clock = systemClock): Promise<RunningServer> {
  const stores = await openStores({ databaseUrl: config.databaseUrl ?? undefined, sqlitePath: config.dbPath, synchronous: config.dbSynchronous, log });
  const { store, auth, leader } = stores;
  const redis = config.redisUrl ? new RedisLink(config.redisUrl, log) : null;
  // Nodes on one database are one cluster; its Redis keys carry the database's name, so clusters
  // (and test runs) sharing a Redis never hear each other.
  const cluster = `nexus:${config.databaseUrl ? new URL(config.databaseUrl).pathname.slice(1) : 'embedded'}`;
  await redis?.connect();
  const reference = await ensureReference(store);
  const simClock = config.simulator.enabled ? new SimulationClock(realClock, config.simulator.speed) : null;
  const app = await createApp({
    store,
    auth,
    clock: simClock ?? realClock,
    config,
    reference,
    log,
    limits: redis ? new RedisLimitStore(redis.counters, cluster, log) : undefined,
    socketAdapter: redis ? createAdapter(redis.adapterPublisher(), redis.sub, { key: cluster }) : undefined,
    writesCheckpoints: () => leader.isLeader,
  });
  if (redis) app.readiness.add('redis', async () => (redis.up ? { ok: true } : { ok: true, detail: 'unreachable: cross-node control degraded; the data path goes on' }));

  // Other nodes' appends: heard through PostgreSQL, caught up after a lost connection, polled anyway.
  const stopFollowing = followLog(app.engine, store, stores.kind === 'postgres' ? stores.listener : null, config.logPollMs, log);
  if (stores.kind === 'postgres') {
    await stores.listener.start();
    await app.engine.follow();
  }
  const firstUsers = await createFirstUsers(auth, config.simulator.enabled, realClock.now(), log);

  // Two nodes starting on a new database both get here: the decision publishes only if none is in force.
  const definition = readInitialHighHarm();
  const published = await app.engine.execute((state) => (state.highHarm ? { ok: true, events: [] } : decidePublishHighHarm(state, definition, 'Initial national definition')), 'system');
  if (!published.ok) throw new Error(`The initial High Harm definition was refused: ${published.error.message}`);

  const simulator = simClock
    ? new SimulatorJob({ port: app.engine, clock: simClock, realClock, seed: config.simulator.seed, autoDispatch: config.simulator.autoDispatch, log })
    : null;
  const retention = new RetentionJob({ store, auth, clock: realClock, retentionDays: config.retentionDays, log });
  const stopLeading = leader.onChange((leading) => {
    log.info(leading ? 'leader.elected' : 'leader.lost', { node: config.nodeId });
    void (leading ? simulator?.begin() : simulator?.end());
    void (leading ? retention.begin() : retention.end());
  });
  leader.start();
  // A node that leads at once (always, on SQLite) fills in the day before it takes traffic.
  await simulator?.settled();

  const port = await app.listen(config.port, config.host);
  app.readiness.started();
  log.info('server.started', {
    port,
    db: config.databaseUrl ? 'postgres' : config.dbPath,
    redis: redis ? (redis.up ? 'connected' : 'unreachable') : 'none',
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
      stopLeading();
      await simulator?.end();
      await retention.end();
      stopFollowing();
      await app.close();
      await redis?.close();
      await stores.close();
    },
  };
}
