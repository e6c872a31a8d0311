import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { LOG_CHANNEL } from '../../../db/pg-locks.js';
import { migratePostgres } from '../../../db/pg-migrate.js';
import { PgStore } from '../../../db/pg-store.js';
import { silentLogger } from '../../../server/log.js';
import { startChild, type Child } from '../load/rpc.js';
import { nationalSessions, type Commits } from '../ours.js';
import { nowMs, sleep, within } from '../time.js';
import { fmt, row, verdict, type Row } from '../result.js';
import type { NodeCommand, NodeInfo, Retried } from './node-commands.js';

/** The maintenance database where each cluster measure creates its own database, and drops it. */
const ADMIN_URL = process.env.NEXUS_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.NEXUS_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NODE_MAIN = join(import.meta.dirname, 'node.ts');

export interface BenchNode {
  index: number;
  url: string;
  pid: number;
  call: Child<NodeCommand>['call'];
  /** False once killed. */
  alive: boolean;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface BenchCluster {
  nodes: BenchNode[];
  urls: string[];
  /** The cluster's log, users and sessions, read and written from the bench process. */
  store: PgStore;
  /** `n` sessions of the national duty manager, valid on every node. */
  sessions(n: number): Promise<string[]>;
  /**
   * Commits so far, as the log's NOTIFYs announced them (one per committed append, on any node),
   * and the facts they stored (the log's last seq); waits until the last commit has been heard.
   */
  commits(): Promise<Commits>;
  /** Appends the live nodes tried, counted by their own metrics: those that lost the race to another node included. */
  appendAttempts(): Promise<number>;
  stop(): Promise<void>;
}

async function onAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A cluster of `size` nodes as production runs one: each node a process of its own
 * (node.ts: `startServer` from the environment) on a PostgreSQL database made for this measure
 * (`nexus_bench_…`, migrated here, dropped by `stop`), joined by Redis, simulator off. Nodes
 * start one after the other, so the first one leads.
 */
export async function startCluster(size = 2): Promise<BenchCluster> {
  const name = `nexus_bench_${randomBytes(6).toString('hex')}`;
  await onAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const metricsToken = randomBytes(24).toString('hex');
  const nodes: BenchNode[] = [];
  let store: PgStore | null = null;
  let listener: pg.Client | null = null;
  const stop = async () => {
    for (const node of nodes.filter((n) => n.alive)) await within(20_000, node.call({ cmd: 'stop' }), 'node did not stop').catch(() => {});
    for (const node of nodes) await node.kill('SIGTERM');
    await listener?.end().catch(() => {});
    await store?.close().catch(() => {});
    await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    // Migrated, with the bench's user, before any node starts: a node starting on a database with
    // users makes no first-start accounts (and writes no password file).
    await migratePostgres(databaseUrl, silentLogger);
    const log = new PgStore({ url: databaseUrl, log: silentLogger, poolSize: 2 });
    store = log;
    const auth = log.authStore();
    await nationalSessions(auth, 0);
    for (let index = 0; index < size; index++) {
      nodes.push(
        await startNode(index, {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          NEXUS_DATABASE_URL: databaseUrl,
          NEXUS_REDIS_URL: REDIS_URL,
          NEXUS_SIMULATOR: 'off',
          NEXUS_NODE_ID: `bench-${index + 1}`,
          NEXUS_METRICS_TOKEN: metricsToken,
        }),
      );
    }
    listener = new pg.Client({ connectionString: databaseUrl });
    await listener.connect();
    let heard = 0;
    let lastHeard = 0;
    listener.on('notification', (n) => {
      heard++;
      lastHeard = Math.max(lastHeard, Number(n.payload));
    });
    await listener.query(`LISTEN ${LOG_CHANNEL}`);
    return {
      nodes,
      urls: nodes.map((n) => n.url),
      store: log,
      sessions: (n) => nationalSessions(auth, n),
      commits: async () => {
        const facts = await log.lastSeq();
        const until = nowMs() + 2_000;
        while (lastHeard < facts && nowMs() < until) await sleep(5);
        return { commits: heard, facts };
      },
      appendAttempts: async () => {
        let total = 0;
        for (const node of nodes.filter((n) => n.alive)) {
          const text = await fetch(`${node.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } }).then((r) => r.text());
          total += Number(/^nexus_append_duration_seconds_count (\d+)/m.exec(text)?.[1] ?? Number.NaN);
        }
        return total;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

async function startNode(index: number, env: NodeJS.ProcessEnv): Promise<BenchNode> {
  // The node's JSON log (warnings and errors only) goes to our stderr, away from the results.
  const child = startChild<NodeCommand>(NODE_MAIN, { env, stdio: ['ignore', 2, 'inherit'] });
  try {
    const info = await within(60_000, child.call<NodeInfo>({ cmd: 'info' }), `cluster node ${index + 1} did not start in 60 s`);
    const node: BenchNode = {
      index,
      url: info.url,
      pid: child.pid,
      call: child.call,
      alive: true,
      kill: async (signal) => {
        node.alive = false;
        await child.kill(signal);
      },
    };
    return node;
  } catch (error) {
    await child.kill('SIGKILL');
    throw error;
  }
}

/**
 * The row every cluster measure shows: how often its feed had to retry (node-commands.ts,
 * Retried). A `stale` refusal is a decision on a state the log had moved past, so it misses.
 */
export const retriedRow = (retried: Retried, what: string): Row =>
  row(`${what} refused for a moment, then retried: not yet read / lost the race 5×`, `${fmt(retried.stale, 0)} / ${fmt(retried.busy, 0)}`, '—', null, '0 not yet read', verdict(retried.stale === 0));
