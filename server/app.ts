import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import express from 'express';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientToServer, ServerToClient } from '../protocol/index.js';
import type { EventStore } from '../db/store.js';
import type { Reference } from './domain/index.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { LiveEngine } from './live/engine.js';
import { createLogger, type Logger } from './log.js';
import { apiRouter } from './transport/routes.js';
import { liveFeedParser } from './transport/live-feed-parser.js';
import { registerSocketHandlers } from './transport/socket-handlers.js';
import { guardSockets, originAllowed } from './transport/socket-guard.js';
import { securityHeaders } from './transport/security-headers.js';
import { notFound } from './transport/send.js';
import type { ScopedBroadcast } from './transport/scoped-broadcast.js';
import { MeasuredBroadcast } from './ops/measured-broadcast.js';
import { measuredStore } from './ops/measured-store.js';
import { NexusMetrics } from './ops/metrics.js';
import { opsRoutes } from './ops/ops-routes.js';
import { nodeReadiness } from './ops/node-readiness.js';
import type { Readiness } from './ops/readiness.js';
import { requestLogging } from './ops/request-log.js';
import { Audit } from './security/audit.js';
import type { EdgeContext } from './security/context.js';
import { Sessions } from './security/sessions.js';
import { MemoryLimitStore, type LimitStore } from './security/limit-store.js';
import { SignInLimits } from './security/sign-in-limits.js';
import type { AuthStore } from '../db/auth-store.js';

/** What nodes say to each other through the socket adapter: only "check your sockets again now". */
interface InterServerEvents {
  'nexus:recheck': () => void;
}
type NexusServer = Server<ClientToServer, ServerToClient, InterServerEvents>;

export interface AppDeps {
  store: EventStore;
  clock: Clock;
  config: Config;
  /** Users, sessions, keys and the audit trail (usually the same database as the log). */
  auth: AuthStore;
  reference: Reference;
  log?: Logger;
  /** Where sign-in limits are counted: shared by every node of a cluster; in memory by default. */
  limits?: LimitStore;
  /**
   * A Socket.IO adapter joining the nodes of a cluster (Redis), for socket control across nodes:
   * cutting a disabled user's sockets everywhere. Never for the data path: each node sends its own
   * sockets the deltas it folded from the log itself.
   */
  socketAdapter?: ServerOptions['adapter'];
  /** Whether this node writes checkpoints (in a cluster, only the elected leader does). */
  writesCheckpoints?: () => boolean;
  /** The built dashboard; null serves the API only. */
  clientDir?: string | null;
}

export interface NexusApp {
  engine: LiveEngine;
  auth: AuthStore;
  config: Config;
  httpServer: HttpServer;
  /** The Express app behind `httpServer`: what a test reads to list the routes the server really has. */
  web: express.Express;
  io: NexusServer;
  /**
   * What GET /readyz answers. Starts as `starting`: the owner calls `readiness.started()` once the
   * node should take traffic, and may `add` named checks of its own (a cluster's shared bus).
   */
  readiness: Readiness;
  listen(port: number, host?: string): Promise<number>;
  /** Marks the node not ready, stops accepting clients and checkpoints the state; the store stays open for its owner. */
  close(): Promise<void>;
}

export const DEFAULT_CLIENT_DIR = resolve(import.meta.dirname, '../dist/client');

/** Wires store, engine, HTTP and Socket.IO together. Nothing here listens until `listen`. */
export async function createApp(deps: AppDeps): Promise<NexusApp> {
  const log = deps.log ?? createLogger();
  const { config, auth } = deps;
  const metrics = new NexusMetrics();
  // The engine writes through a store that times appends and counts facts; nothing else changes.
  const store = measuredStore(deps.store, metrics);
  const engine = await LiveEngine.open({
    store,
    clock: deps.clock,
    reference: deps.reference,
    alertSettings: config.alerts,
    log,
    ...(deps.writesCheckpoints ? { writesCheckpoints: deps.writesCheckpoints } : {}),
  });
  const readiness = nodeReadiness(config.nodeId, log, store, engine);

  // Sessions expire by the wall clock, even when the simulator runs the app's clock faster.
  const limits = new SignInLimits(deps.limits ?? new MemoryLimitStore());
  const sessions = new Sessions(auth, systemClock, { idleMs: config.security.idleMs, absoluteMs: config.security.absoluteMs }, limits);
  const audit = new Audit(auth, log);

  const web = express();
  web.disable('x-powered-by');
  web.set('trust proxy', config.security.trustProxy);
  web.use(requestLogging(log));
  web.use(metrics.countRefusals());
  web.use(securityHeaders(config));
  let guard: ReturnType<typeof guardSockets> | null = null;
  let io: NexusServer | null = null;
  // After an admin change: this node's sockets now, and every other node's through the adapter.
  const recheckConnections = () => {
    void guard?.sweep();
    if (deps.socketAdapter) io?.serverSideEmit('nexus:recheck');
  };
  const ctx: EdgeContext = { engine, store, auth, sessions, audit, config, log, recheckConnections };
  web.use(opsRoutes({ readiness, metrics, metricsToken: config.metricsToken, nodeId: config.nodeId }));
  web.use('/api', apiRouter(ctx));
  serveClient(web, deps.clientDir === undefined ? DEFAULT_CLIENT_DIR : deps.clientDir);

  const httpServer = createServer(web);
  io = new Server<ClientToServer, ServerToClient, InterServerEvents>(httpServer, {
    serveClient: false,
    parser: liveFeedParser,
    ...(deps.socketAdapter ? { adapter: deps.socketAdapter } : {}),
    // Commands are a few hundred bytes; anything near this limit is not ours.
    maxHttpBufferSize: 16 * 1024,
    allowRequest: (req, callback) => callback(null, originAllowed(req, config.security.allowedOrigins)),
  });
  guard = guardSockets(io, ctx);
  io.on('nexus:recheck', () => void guard?.sweep());
  const live = new MeasuredBroadcast(metrics.broadcastSeconds, io, engine, log);
  metrics.observe({ engine, store, io, nodeId: config.nodeId });
  const unsubscribe = registerSocketHandlers(io, ctx, live);

  // A heartbeat lets every screen tell "nothing happened" from "the connection is dead".
  const heartbeat = setInterval(() => live.heartbeat(deps.clock.now()), config.heartbeatMs);
  heartbeat.unref();
  const derived = publishDerived(engine, live, config.derivedMs);

  return {
    engine,
    config,
    auth,
    httpServer,
    web,
    io,
    readiness,
    listen: (port, host) =>
      new Promise((done, fail) => {
        httpServer.once('error', fail);
        httpServer.listen(port, host, () => done((httpServer.address() as AddressInfo).port));
      }),
    close: async () => {
      readiness.stopping();
      guard?.stop();
      clearInterval(heartbeat);
      derived.stop();
      unsubscribe();
      await new Promise<void>((done) => io.close(() => done()));
      await engine.close();
    },
  };
}

/**
 * The dashboard's files. It routes by the address's hash (client/lib/router.svelte.ts), so its only
 * page is `/`; any other path that is not one of its files is not found, never the page with 200.
 */
function serveClient(web: express.Express, dir: string | null): void {
  if (dir) {
    web.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
    web.get('/', (_req, res) => {
      if (existsSync(join(dir, 'index.html'))) res.sendFile(join(dir, 'index.html'));
      else res.status(503).type('text').send('The dashboard is not built yet: run `npm run build`.');
    });
  }
  web.use((_req, res) => notFound(res));
}

/**
 * Alerts, CCU queue and capacity depend on the clock as well as the log: recompute them on a
 * timer, and soon after every change (at most once per second), and push them whole.
 */
function publishDerived(engine: LiveEngine, live: ScopedBroadcast, everyMs: number): { stop(): void } {
  let pending: NodeJS.Timeout | null = null;
  const push = () => {
    pending = null;
    live.derived();
  };
  const timer = setInterval(push, everyMs);
  timer.unref();
  const unsubscribe = engine.subscribe(() => {
    pending ??= setTimeout(push, 1000);
    pending.unref();
  });
  return {
    stop: () => {
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      unsubscribe();
    },
  };
}
