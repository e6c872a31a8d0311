import { hostname } from 'node:os';
import { z } from 'zod';
import { TraceId } from '../protocol/index.js';
import { LOG_LEVELS, type LogLevel } from './log.js';

const flag = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

/** Every setting, from the environment, checked at start: a typo stops the server with a clear message. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  NEXUS_DB_PATH: z.string().min(1).default('./data/nexus.db'),
  /** postgres://…: this process is a node of the cluster on that database; unset, the embedded SQLite file. */
  NEXUS_DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^postgres(ql)?:\/\/.+/, 'NEXUS_DATABASE_URL must be a postgres:// URL').optional()),
  /** redis://…: joins the nodes for what must cross them (socket control, shared rate limits). */
  NEXUS_REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^rediss?:\/\/.+/, 'NEXUS_REDIS_URL must be a redis:// URL').optional()),
  /** How often a node reads the log anyway, in case a notification from another node was lost. */
  NEXUS_LOG_POLL_MS: z.coerce.number().int().min(200).max(60_000).default(5_000),
  /** FULL: an acknowledged fact survives power loss (the default); NORMAL only survives a crash of the process. */
  NEXUS_DB_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('FULL'),
  NEXUS_SIMULATOR: flag.default(true),
  NEXUS_SIM_SEED: z.coerce.number().int().default(20141),
  NEXUS_SIM_SPEED: z.coerce.number().min(0.1).max(3600).default(1),
  NEXUS_SIM_DISPATCH: flag.default(true),
  NEXUS_TILE_URL: z
    .string()
    .regex(/^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/, 'NEXUS_TILE_URL must be an http(s) URL template with {z}, {x} and {y}')
    .optional(),
  NEXUS_TILE_ATTRIBUTION: z.string().max(300).optional(),
  NEXUS_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5000),
  NEXUS_DERIVED_MS: z.coerce.number().int().min(100).default(15000),
  NEXUS_COOKIE_SECURE: z.enum(['auto', 'on', 'off']).default('auto'),
  /**
   * Behind a reverse proxy: `on` trusts one proxy hop (the address it saw is the client's), a
   * number trusts that many hops, or a comma-separated list of proxy addresses/subnets. Never
   * "trust everything": the client could then choose its own address by sending X-Forwarded-For.
   */
  NEXUS_TRUST_PROXY: z
    .string()
    .default('off')
    .transform((v, ctx): false | number | string[] => {
      const value = v.trim();
      if (['off', 'false', '0', ''].includes(value)) return false;
      if (['on', 'true'].includes(value)) return 1;
      if (/^\d+$/.test(value)) return Number(value);
      const list = value.split(',').map((a) => a.trim()).filter(Boolean);
      if (list.every((a) => /^[0-9a-fA-F.:/]+$/.test(a) || ['loopback', 'linklocal', 'uniquelocal'].includes(a))) return list;
      ctx.addIssue({ code: 'custom', message: 'NEXUS_TRUST_PROXY is off, on, a number of hops, or proxy addresses' });
      return z.NEVER;
    }),
  NEXUS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  NEXUS_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /** How long a wall display's one-time enrolment link works if unused. */
  NEXUS_KIOSK_LINK_HOURS: z.coerce.number().min(0.25).max(24 * 7).default(24),
  /** Sockets one signed-in session (all its tabs together) may hold open on one node. */
  NEXUS_MAX_SOCKETS_PER_SESSION: z.coerce.number().int().min(1).max(100).default(10),
  /** Comma-separated extra origins allowed to open the socket, besides the server's own. */
  NEXUS_ALLOWED_ORIGINS: z.string().default(''),
  NEXUS_ALERT_PACE_HOURS: z.coerce.number().min(0.5).max(24).default(4),
  NEXUS_ALERT_HIGH_HARM_WAIT_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  /** How long acknowledging a suite overload covers it before it asks again. */
  NEXUS_ALERT_OVERLOAD_ACK_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  /** How long an officer may leave a move unacknowledged before the duty managers are alerted. */
  NEXUS_ALERT_MOVE_ACK_MINUTES: z.coerce.number().min(0.5).max(240).default(5),
  /** An officer's position older than this is drawn as stale, with its age. */
  NEXUS_POSITION_STALE_MINUTES: z.coerce.number().min(1).max(24 * 60).default(10),
  /**
   * Days after a case's last fact before its custody reference is replaced by a pseudonym
   * (docs/security.md, "Retention"). At least a year.
   */
  NEXUS_RETENTION_DAYS: z.coerce.number().int().min(366).max(36_500).default(730),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Unset (or empty), `/metrics` does not exist; set, a scraper must present it as a bearer token. */
  NEXUS_METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().regex(/^[\x21-\x7e]{16,256}$/, 'NEXUS_METRICS_TOKEN must be 16 to 256 printable characters without spaces').optional(),
  ),
  /** This process's name in metrics, so several nodes can be told apart. */
  NEXUS_NODE_ID: TraceId.optional(),
  /** Parse every HTTP answer with its route's schema before sending it (tests; costs time on large answers). */
  NEXUS_CHECK_RESPONSES: flag.default(false),
});

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  /** Set: a node of a cluster on PostgreSQL (and Redis, when `redisUrl` is set). */
  databaseUrl: string | null;
  redisUrl: string | null;
  logPollMs: number;
  dbSynchronous: 'NORMAL' | 'FULL';
  simulator: { enabled: boolean; seed: number; speed: number; autoDispatch: boolean };
  tiles: { url: string; attribution: string } | null;
  heartbeatMs: number;
  /** How often alerts, the CCU queue and capacity are recomputed and pushed. */
  derivedMs: number;
  alerts: { paceWarningMs: number; highHarmWaitMs: number; overloadAckMs: number; moveAckMs: number };
  /** Officer positions older than this are drawn as stale. */
  positionStaleMs: number;
  /** Custody references are pseudonymised this many days after a case's last fact. */
  retentionDays: number;
  security: {
    cookieSecure: 'auto' | 'on' | 'off';
    /** Express's `trust proxy`: false, a hop count, or proxy addresses. */
    trustProxy: false | number | string[];
    idleMs: number;
    absoluteMs: number;
    allowedOrigins: string[];
    maxSocketsPerSession: number;
    kioskLinkMs: number;
  };
  logLevel: LogLevel;
  metricsToken: string | null;
  nodeId: string;
  /** Whether every HTTP answer is parsed with its route's response schema before it is sent. */
  checkResponses: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Configuration is not valid:\n${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dbPath: e.NEXUS_DB_PATH,
    databaseUrl: e.NEXUS_DATABASE_URL ?? null,
    redisUrl: e.NEXUS_REDIS_URL ?? null,
    logPollMs: e.NEXUS_LOG_POLL_MS,
    dbSynchronous: e.NEXUS_DB_SYNCHRONOUS,
    simulator: { enabled: e.NEXUS_SIMULATOR, seed: e.NEXUS_SIM_SEED, speed: e.NEXUS_SIM_SPEED, autoDispatch: e.NEXUS_SIM_DISPATCH },
    tiles: e.NEXUS_TILE_URL ? { url: e.NEXUS_TILE_URL, attribution: e.NEXUS_TILE_ATTRIBUTION ?? '' } : null,
    heartbeatMs: e.NEXUS_HEARTBEAT_MS,
    derivedMs: e.NEXUS_DERIVED_MS,
    security: {
      cookieSecure: e.NEXUS_COOKIE_SECURE,
      trustProxy: e.NEXUS_TRUST_PROXY,
      idleMs: e.NEXUS_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.NEXUS_SESSION_MAX_HOURS * 3_600_000,
      allowedOrigins: e.NEXUS_ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
      maxSocketsPerSession: e.NEXUS_MAX_SOCKETS_PER_SESSION,
      kioskLinkMs: e.NEXUS_KIOSK_LINK_HOURS * 3_600_000,
    },
    alerts: {
      paceWarningMs: e.NEXUS_ALERT_PACE_HOURS * 3_600_000,
      highHarmWaitMs: e.NEXUS_ALERT_HIGH_HARM_WAIT_MINUTES * 60_000,
      overloadAckMs: e.NEXUS_ALERT_OVERLOAD_ACK_MINUTES * 60_000,
      moveAckMs: e.NEXUS_ALERT_MOVE_ACK_MINUTES * 60_000,
    },
    positionStaleMs: e.NEXUS_POSITION_STALE_MINUTES * 60_000,
    retentionDays: e.NEXUS_RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.NEXUS_METRICS_TOKEN ?? null,
    nodeId: e.NEXUS_NODE_ID ?? `${hostname().replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 50)}:${process.pid}`,
    checkResponses: e.NEXUS_CHECK_RESPONSES,
  };
}
