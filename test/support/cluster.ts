import { mkdtempSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrincipalRole } from '../../protocol/index.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/start.js';
import { grantIngest, signInEveryRole } from './auth.js';
import { createTestDatabase } from './pg.js';

export const REDIS_URL = process.env.NEXUS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestNode {
  server: RunningServer;
  url: string;
}

/**
 * Nodes of one cluster, in this process: real PostgreSQL (a database of its own) and Redis, each
 * node started as `npm start` starts one (simulator off), on a random port.
 */
export async function startCluster(nodes: number, options: { redisUrl?: string | null; databaseUrl?: string; env?: Record<string, string> } = {}) {
  const db = options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? db!.url;
  const redisUrl = options.redisUrl === undefined ? REDIS_URL : options.redisUrl;
  const started: TestNode[] = [];
  for (let i = 0; i < nodes; i++) started.push(await startNode(databaseUrl, redisUrl, `node-${i + 1}`, options.env));
  const first = started[0]!;
  // Shared users, keys and sessions: made once, valid on every node.
  for (const node of started) await grantIngest(first.server.app.auth, node.url);
  const cookies: Record<PrincipalRole, string> = await signInEveryRole(first.server.app.auth, {});
  return {
    nodes: started,
    databaseUrl,
    cookies,
    startNode: async (name: string) => {
      const node = await startNode(databaseUrl, redisUrl, name, options.env);
      await grantIngest(node.server.app.auth, node.url);
      return node;
    },
    stop: async () => {
      for (const node of started) await node.server.stop().catch(() => {});
      await db?.drop();
    },
  };
}

export async function startNode(databaseUrl: string, redisUrl: string | null, nodeId: string, env: Record<string, string> = {}): Promise<TestNode> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NEXUS_SIMULATOR: 'off',
    NEXUS_DATABASE_URL: databaseUrl,
    NEXUS_NODE_ID: nodeId,
    NEXUS_HEARTBEAT_MS: '200',
    NEXUS_LOG_POLL_MS: '1000',
    // Only where the first-start passwords file goes: never into the working tree.
    NEXUS_DB_PATH: join(mkdtempSync(join(tmpdir(), 'nexus-node-')), 'nexus.db'),
    ...(redisUrl ? { NEXUS_REDIS_URL: redisUrl } : {}),
    ...env,
  });
  const server = await startServer(config, silentLogger);
  return { server, url: `http://127.0.0.1:${server.port}` };
}

/**
 * A TCP proxy in front of a service, so a test can cut the service off from a node (and give it
 * back) without stopping the service every other test uses.
 */
export async function tcpProxy(target: { host: string; port: number }): Promise<{ url(scheme: string, path?: string): string; cut(): void; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((done) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        done();
      });
    });
  await listen();
  const cut = () => {
    server?.close();
    server = null;
    for (const s of sockets) s.destroy();
  };
  return {
    url: (scheme, path = '') => `${scheme}://127.0.0.1:${port}${path}`,
    cut,
    restore: listen,
    close: async () => cut(),
  };
}
