import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestBatch, type Delta, type ErrorCode, type ProtocolError, type Role } from '../../protocol/index.js';
import type { AuthStore } from '../../db/auth-store.js';
import { createApp, type NexusApp } from '../../server/app.js';
import { systemClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { EventStore } from '../../db/store.js';
import type { Reference } from '../../server/domain/index.js';
import { SESSION_COOKIE } from '../../server/security/http.js';
import { newSecret, sha256 } from '../../server/security/secrets.js';
import { filterDeltas, scopeFor, scopeKey } from '../../server/security/views.js';
import { nowMs } from './time.js';

export interface OursOptions {
  reference: Reference;
  dbPath?: string;
  synchronous?: 'NORMAL' | 'FULL';
  clientDir?: string | null;
  port?: number;
  heartbeatMs?: number;
}

export interface Ours {
  app: NexusApp;
  store: SqliteStore;
  url: string;
  port: number;
  dbPath: string;
  /**
   * A national duty manager's session (`nexus_session=<token>`): the role that sees everything,
   * so ours carries the same data as the raw-ws baseline.
   */
  cookie: string;
  /** `n` sessions of that duty manager, one for each bench client (a session may hold only a few sockets). */
  sessions(n: number): Promise<string[]>;
  /** A new session for a user of another role (regions: national unless given). */
  signIn(role: Role, regions?: string[]): Promise<string>;
  /** When each `sync:deltas` broadcast entered Socket.IO, by the first seq it carries. */
  emitAt: Map<number, number>;
  /**
   * What POST /api/ingest does minus HTTP: finds the source's ingest key by its hash, validates,
   * then ingests; throws on a refusal (a bench bug).
   */
  ingest(batch: IngestBatch): Promise<void>;
  /** Appends (commits) and the facts they stored so far: group commit's effect is facts per commit. */
  commits(): Commits;
  stop(): Promise<void>;
  /** Deletes the temporary database directory (after stop). */
  cleanup(): void;
}

export interface Commits {
  commits: number;
  facts: number;
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'nexus-bench-'));

/**
 * The real product: createApp with the SQLite store on a temporary WAL file (users, sessions and
 * ingest keys in the same file, as in production), simulator off, system clock, listening on
 * 127.0.0.1 only. Sessions expire after 30 idle minutes by the wall clock: ample for a run.
 */
export async function startOurs(options: OursOptions): Promise<Ours> {
  const dir = options.dbPath ? null : tempDir();
  const dbPath = options.dbPath ?? join(dir!, 'nexus.db');
  const store = new SqliteStore({ path: dbPath, synchronous: options.synchronous ?? 'NORMAL' });
  const commits = countCommits(store);
  const config = loadConfig({ NEXUS_SIMULATOR: 'off', NEXUS_HEARTBEAT_MS: String(options.heartbeatMs ?? 5000) });
  const auth = store.authStore();
  const app = await createApp({ store, auth, clock: systemClock, config, reference: options.reference, log: silentLogger, clientDir: options.clientDir ?? null });
  const port = await app.listen(options.port ?? 0, '127.0.0.1');
  const emitAt = new Map<number, number>();
  stampBroadcasts(app, emitAt);
  return {
    app,
    store,
    url: `http://127.0.0.1:${port}`,
    port,
    dbPath,
    cookie: await signIn(auth, 'duty_manager', []),
    signIn: (role, regions = []) => signIn(auth, role, regions),
    sessions: (n) => nationalSessions(auth, n),
    emitAt,
    ingest: benchFeed(app),
    commits: () => ({ ...commits }),
    stop: async () => {
      await app.close();
      await store.close();
    },
    cleanup: () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What POST /api/ingest does minus HTTP, for the bench's feeds: finds the source's ingest key by
 * its hash (each source gets a national key on first use), validates, then ingests; throws on a
 * refusal (a bench bug).
 */
export function benchFeed(app: NexusApp): (batch: IngestBatch) => Promise<void> {
  // One key per source, even when writers at once ask for it first.
  const keys = new Map<string, Promise<string>>();
  const keyFor = (source: string): Promise<string> => {
    let key = keys.get(source);
    if (!key) {
      const secret = newSecret();
      key = app.auth.createIngestKey({ source, region: null, keyHash: sha256(secret), createdAt: Date.now() }).then(() => secret);
      keys.set(source, key);
    }
    return key;
  };
  return async (batch) => {
    // The route's key check (national keys: no region check) and validation, then the engine.
    const presented = await keyFor(batch.source);
    const key = await app.auth.findIngestKey(sha256(presented));
    if (!key || key.revoked || key.source !== batch.source) throw new Error(`bench ingest key refused for ${batch.source}`);
    const parsed = IngestBatch.parse(batch);
    const ack = await app.engine.ingest(parsed, `feed:${parsed.source}`);
    if (!ack.ok) throw new IngestRefused(ack.error);
  };
}

/** The engine refused a bench feed's batch (a bench bug on one node; on a cluster, see cluster/node.ts). */
export class IngestRefused extends Error {
  readonly code: ErrorCode;
  constructor(error: ProtocolError) {
    super(`bench ingest refused: ${error.code} ${error.message}`);
    this.code = error.code;
  }
}

/** Counts the store's appends and the facts they carried, by wrapping `append` (nothing else changes). */
function countCommits(store: EventStore): Commits {
  const counts: Commits = { commits: 0, facts: 0 };
  const append = store.append.bind(store);
  store.append = async (events, readModels) => {
    await append(events, readModels);
    counts.commits++;
    counts.facts += events.length;
  };
  return counts;
}

/**
 * The product has no hook just before a broadcast, so the bench wraps the namespace adapter's
 * `broadcast` to note the time the emit starts (before encoding). It changes nothing else.
 */
export function stampBroadcasts(app: NexusApp, emitAt: Map<number, number>): void {
  const adapter = app.io.of('/').adapter;
  const original = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet: Parameters<typeof original>[0], opts: Parameters<typeof original>[1]) => {
    const data = (packet as { data?: unknown[] }).data;
    if (data?.[0] === 'sync:deltas') {
      const first = (data[1] as Delta[] | undefined)?.[0];
      if (first) emitAt.set(first.seq, nowMs());
    }
    original(packet, opts);
  };
}

/**
 * A user (one per role and regions, found again after a restart on the same file) and a fresh
 * session for them, stored as a sign-in stores it: the cookie header value for it.
 */
async function signIn(auth: AuthStore, role: Role, regions: string[]): Promise<string> {
  const [cookie] = await sessionsOf(auth, role, regions, 1);
  return cookie!;
}

/** `n` sessions of the national duty manager (every bench client's role): their cookie header values. */
export const nationalSessions = (auth: AuthStore, n: number): Promise<string[]> => sessionsOf(auth, 'duty_manager', [], n);

async function sessionsOf(auth: AuthStore, role: Role, regions: string[], n: number): Promise<string[]> {
  const username = `bench.${role}${regions.length ? `.${[...regions].sort().join('.')}` : ''}`;
  const user = (await auth.findUserByName(username)) ?? (await auth.createUser({ username, passwordHash: 'x', role, regions, createdAt: Date.now() }));
  const cookies: string[] = [];
  for (let i = 0; i < n; i++) {
    const token = newSecret();
    const now = Date.now();
    await auth.createSession({ tokenHash: sha256(token), userId: user.id, kioskId: null, createdAt: now, lastSeenAt: now });
    cookies.push(`${SESSION_COOKIE}=${token}`);
  }
  return cookies;
}

/** The token in a `nexus_session=<token>` cookie (for a browser's cookie jar). */
export const tokenOf = (cookie: string): string => cookie.slice(SESSION_COOKIE.length + 1);

/** The Socket.IO room the bench's clients (national duty managers) join on `sync:hello`. */
const BENCH_SCOPE = { role: 'duty_manager', regions: [] as string[] } as const;
const benchRoom = `scope:${scopeKey(BENCH_SCOPE.role, BENCH_SCOPE.regions)}`;
const benchScope = scopeFor(BENCH_SCOPE.role, BENCH_SCOPE.regions);

/**
 * Sends deltas to every synced bench client exactly as the engine's listener does when the
 * national duty manager is the only scope connected (ScopedBroadcast.deltas): filtered for the
 * scope, then one emit to the scope's room. Throws if nobody is in that room, so a renamed
 * room cannot turn a measure into one that sends to no one.
 */
export function broadcastDeltas(app: NexusApp, deltas: Delta[]): void {
  const rooms = app.io.of('/').adapter.rooms;
  if (!rooms.get(benchRoom)?.size) throw new Error(`no socket in room "${benchRoom}" (known rooms: ${[...rooms.keys()].filter((r) => r.startsWith('scope:')).join(', ') || 'none'})`);
  const suiteRegion = (id: string) => app.engine.state.suites.get(id)?.region;
  const officerRegion = (id: string) => app.engine.state.officers.get(id)?.region;
  app.io.to(benchRoom).emit('sync:deltas', filterDeltas(deltas, benchScope, suiteRegion, officerRegion));
}

/** Records every batch of deltas the engine publishes, in order. */
export function recordDeltas(app: NexusApp): { batches: Delta[][]; stop: () => void } {
  const batches: Delta[][] = [];
  const stop = app.engine.subscribe((deltas) => batches.push([...deltas]));
  return { batches, stop };
}
