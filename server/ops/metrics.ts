import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Server } from 'socket.io';
import { ALERT_KINDS, ROLES, type PrincipalRole } from '../../protocol/index.js';
import type { EventStore } from '../../db/store.js';
import type { LiveEngine } from '../live/engine.js';
import type { Principal } from '../security/principal.js';
import { refusalOf } from '../transport/send.js';
import { projectionLag } from './projection-lag.js';

/** What the gauges read at each scrape. */
export interface Observed {
  engine: LiveEngine;
  store: EventStore;
  io: Server;
  /** This process's name, so the lag of several nodes can be told apart. */
  nodeId: string;
}

const PRINCIPAL_ROLES: readonly PrincipalRole[] = [...ROLES, 'wall'];

/** A store append is a few hundred microseconds on SQLite; a networked store, milliseconds. */
const APPEND_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
/** One batch's deltas to every room: tens of microseconds for a few rooms, more for a crowd. */
const BROADCAST_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/**
 * Refusals counted by the route that gave them. Exact paths, matched after the answer, so a body
 * refused before routing (too large, not JSON) counts too.
 */
const COUNTED_REFUSALS = ['POST /api/ingest', 'POST /api/login', 'POST /api/kiosk/session'] as const;
type CountedRoute = (typeof COUNTED_REFUSALS)[number];

let processRegistry: Registry | null = null;
/**
 * CPU, memory, event loop and GC belong to the process, not to an app: collected once per
 * process (tests start many apps in one), merged into each app's scrape.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The service's own metrics, `nexus_…`, in a registry per app instance. Counters and histograms
 * are fed by wrappers (the measured store, the measured broadcast, `countRefusals`); gauges are
 * read from the live app when scraped, so they cost nothing between scrapes.
 */
export class NexusMetrics {
  readonly registry = new Registry();
  readonly appendSeconds = new Histogram({
    name: 'nexus_append_duration_seconds',
    help: 'Time to append one batch of events to the log, in one transaction.',
    buckets: APPEND_BUCKETS,
    registers: [this.registry],
  });
  readonly factsAppended = new Counter({
    name: 'nexus_facts_appended_total',
    help: 'Events appended to the log, by event type and source (a feed, the simulator, or command).',
    labelNames: ['type', 'source'] as const,
    registers: [this.registry],
  });
  readonly broadcastSeconds = new Histogram({
    name: 'nexus_broadcast_duration_seconds',
    help: "Time to filter and send one batch's deltas to every scope's room.",
    buckets: BROADCAST_BUCKETS,
    registers: [this.registry],
  });
  readonly ingestRefusals = new Counter({
    name: 'nexus_ingest_refusals_total',
    help: 'Feed batches refused at POST /api/ingest, by error code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly signInFailures = new Counter({
    name: 'nexus_sign_in_failures_total',
    help: 'Refused sign-ins, by kind (person or wall display) and error code.',
    labelNames: ['kind', 'code'] as const,
    registers: [this.registry],
  });

  /** Adds the gauges that read the live app: sockets by role, projection lag, open alerts. */
  observe({ engine, store, io, nodeId }: Observed): void {
    new Gauge({
      name: 'nexus_connected_sockets',
      help: 'Socket.IO connections to this node, by role.',
      labelNames: ['role'] as const,
      registers: [this.registry],
      collect() {
        const counts = new Map<PrincipalRole, number>(PRINCIPAL_ROLES.map((role) => [role, 0]));
        for (const socket of io.of('/').sockets.values()) {
          const role = (socket.data as { principal?: Principal }).principal?.role;
          if (role) counts.set(role, (counts.get(role) ?? 0) + 1);
        }
        for (const [role, n] of counts) this.set({ role }, n);
      },
    });
    new Gauge({
      name: 'nexus_projection_lag_events',
      help: "Events in the log that this node's live state has not applied yet.",
      labelNames: ['node'] as const,
      registers: [this.registry],
      async collect() {
        this.set({ node: nodeId }, await projectionLag(store, engine));
      },
    });
    new Gauge({
      name: 'nexus_open_alerts',
      help: 'Alerts open now, by kind and whether a person has acknowledged them.',
      labelNames: ['kind', 'acknowledged'] as const,
      registers: [this.registry],
      collect() {
        for (const kind of ALERT_KINDS) for (const acknowledged of ['true', 'false']) this.set({ kind, acknowledged }, 0);
        for (const alert of engine.derived().alerts) this.inc({ kind: alert.kind, acknowledged: String(alert.acknowledged !== null) });
      },
    });
  }

  /** Counts ingest and sign-in refusals from the answers given (every refusal goes through `send`). */
  countRefusals(): RequestHandler {
    const count: Record<CountedRoute, (code: string) => void> = {
      'POST /api/ingest': (code) => this.ingestRefusals.inc({ code }),
      'POST /api/login': (code) => this.signInFailures.inc({ kind: 'person', code }),
      'POST /api/kiosk/session': (code) => this.signInFailures.inc({ kind: 'wall_display', code }),
    };
    return (req, res, next) => {
      const route = `${req.method} ${req.path}`;
      if (!(COUNTED_REFUSALS as readonly string[]).includes(route)) return next();
      res.on('finish', () => {
        const code = refusalOf(res);
        if (code) count[route as CountedRoute](code);
      });
      next();
    };
  }

  /** The Prometheus text exposition: the process's metrics and this app's. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([processMetrics(), this.registry]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }
}
