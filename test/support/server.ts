import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServer,
  type Delta,
  type DerivedUpdate,
  foldDerivedUpdate,
  openDerivedUpdate,
  openHelloDerived,
  type HeldDerived,
  type LiveDerived,
  openSnapshot,
  type CatchUp,
  type HelloReply,
  type IngestItemInput,
  type PrincipalRole,
  type Role,
  type ServerToClient,
} from '../../protocol/index.js';
import { createApp, type NexusApp } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger, type Logger } from '../../server/log.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import { reference, T0 } from './reference.js';
import { grantIngest, keyFor, signInEveryRole } from './auth.js';

export interface TestServer {
  app: NexusApp;
  url: string;
  clock: ManualClock;
  dbPath: string;
  /** A signed-in session cookie for each role (national unless `regions` said otherwise). */
  cookies: Record<PrincipalRole, string>;
  stop(): Promise<void>;
}

export const tempDbPath = () => join(mkdtempSync(join(tmpdir(), 'nexus-test-')), 'nexus.db');

/** The real server (engine, HTTP, Socket.IO, SQLite file) on a random port, simulator off. */
export async function startTestServer(
  options: {
    dbPath?: string;
    clock?: ManualClock;
    regions?: Partial<Record<Role, string[]>>;
    /** More settings, as environment variables (e.g. NEXUS_METRICS_TOKEN). */
    env?: Record<string, string>;
    log?: Logger;
    /** The dashboard's files; none by default. */
    clientDir?: string | null;
    /** Leave the node `starting` (not ready) after it listens, as during a real start-up. */
    notReady?: boolean;
  } = {},
): Promise<TestServer> {
  const dbPath = options.dbPath ?? tempDbPath();
  const clock = options.clock ?? new ManualClock(T0);
  const store = new SqliteStore({ path: dbPath });
  // Every answer is parsed with its route's response schema: a field the table does not describe fails the test.
  const config = loadConfig({ NEXUS_SIMULATOR: 'off', NEXUS_HEARTBEAT_MS: '200', NEXUS_CHECK_RESPONSES: 'on', ...options.env });
  const auth = store.authStore();
  const app = await createApp({ store, auth, clock, config, reference, log: options.log ?? silentLogger, clientDir: options.clientDir ?? null });
  const port = await app.listen(0, '127.0.0.1');
  if (!options.notReady) app.readiness.started();
  const url = `http://127.0.0.1:${port}`;
  await grantIngest(auth, url);
  return {
    app,
    url,
    clock,
    dbPath,
    cookies: await signInEveryRole(auth, options.regions ?? {}),
    stop: async () => {
      await app.close();
      await store.close();
    },
  };
}

export type TestSocket = Socket<ServerToClient, ClientToServer>;

/**
 * A real socket.io-client that keeps every delta it receives, in arrival order, and folds the
 * derived view's updates as the dashboard does (`derived`; `derivedBroken` if one did not follow).
 */
export class TestClient {
  readonly socket: TestSocket;
  readonly deltas: Delta[] = [];
  lastSeq: number | null = null;
  derived: HeldDerived | null = null;
  /** Every derived update received, replies' included, in order. */
  readonly derivedUpdates: DerivedUpdate[] = [];
  derivedBroken = false;

  constructor(url: string, cookie: string) {
    this.socket = connect(url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.on('sync:deltas', (deltas) => {
      this.deltas.push(...deltas);
      this.lastSeq = deltas.at(-1)?.seq ?? this.lastSeq;
    });
    // Gzipped broadcasts, opened as they arrive; held while a hello is answered, as the dashboard does.
    this.socket.on('live:derived', (packed) => {
      const update = openDerivedUpdate(packed);
      if (this.#held) this.#held.push(update);
      else this.#fold([update]);
    });
  }

  #held: DerivedUpdate[] | null = null;

  #fold(updates: readonly DerivedUpdate[]): void {
    for (const update of updates) {
      this.derivedUpdates.push(update);
      const next = foldDerivedUpdate(this.derived, update);
      if (next === null) this.derivedBroken = true;
      else if (next !== 'stale') this.derived = next;
    }
  }

  /**
   * Says hello and returns the reply with its snapshot (if any) opened, as the dashboard does.
   * `derived`: send where the derived view stands (the default), or ask for it whole.
   */
  async hello(lastSeq: number | null = this.lastSeq, derived: 'resume' | 'whole' = 'resume'): Promise<CatchUp> {
    if (!this.socket.connected) await new Promise<void>((done) => this.socket.once('connect', () => done()));
    const cursor = derived === 'resume' ? (this.derived?.cursor ?? null) : null;
    this.#held = [];
    // The ack callback, not emitWithAck: a promise would resolve only after broadcasts that
    // arrived in the same read had been recorded, so `deltas` would not be in arrival order.
    const data = await new Promise<HelloReply>((resolve, reject) =>
      this.socket.emit('sync:hello', { protocolVersion: PROTOCOL_VERSION, lastSeq, derived: cursor }, (reply) => {
        if (!reply.ok) return reject(new Error(`hello refused: ${reply.error.message}`));
        if (reply.data.mode === 'snapshot') this.lastSeq = reply.data.packed.seq;
        this.deltas.push(...reply.data.deltas);
        this.lastSeq = reply.data.deltas.at(-1)?.seq ?? this.lastSeq;
        resolve(reply.data);
      }),
    );
    const held = () => {
      const list = this.#held ?? [];
      this.#held = null;
      return list;
    };
    const updates = openHelloDerived(data.derived);
    if (data.mode === 'deltas') {
      this.#fold([...updates, ...held()]);
      return { mode: 'deltas', deltas: data.deltas, derived: updates };
    }
    const snapshot = await openSnapshot(data.packed.gzip);
    this.derived = { cursor: data.packed.derived, view: snapshot.derived };
    this.derivedBroken = false;
    this.#fold([...updates, ...held()]);
    return { mode: 'snapshot', snapshot, derivedCursor: data.packed.derived, deltas: data.deltas, derived: updates };
  }

  /** Resolves with the folded derived view once it satisfies `wanted`. */
  async waitForDerived(wanted: (view: LiveDerived) => boolean, timeoutMs = 5000): Promise<LiveDerived> {
    const started = Date.now();
    while (!this.derived || !wanted(this.derived.view)) {
      if (Date.now() - started > timeoutMs) throw new Error(`derived view not as wanted within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.derived.view;
  }

  assign(officerId: string, suiteId: string, reason: string | null = null): Promise<Ack<{ seq: number }>> {
    return this.socket.emitWithAck('officer:assign', { officerId, suiteId, reason });
  }

  /** Resolves once a delta with this sequence number has arrived. */
  async waitForSeq(seq: number, timeoutMs = 5000): Promise<void> {
    const started = Date.now();
    while (!this.deltas.some((d) => d.seq === seq)) {
      if (Date.now() - started > timeoutMs) throw new Error(`no delta with seq ${seq} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** POSTs to /api/ingest as a feed would, with the server's test key unless headers say otherwise. */
export async function postIngest(url: string, body: unknown, init: RequestInit = {}): Promise<{ status: number; json: Ack<unknown> }> {
  const res = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keyFor(url, sourceOf(body))}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  return { status: res.status, json: (await res.json()) as Ack<unknown> };
}

const sourceOf = (body: unknown) => (typeof body === 'object' && body && 'source' in body ? body.source : /"source":"([^"]*)"/.exec(String(body))?.[1]);

let counter = 0;
/** An ingest item with a fresh id, stamped at the test clock's time. */
export function item<T extends IngestItemInput['type']>(type: T, data: Extract<IngestItemInput, { type: T }>['data'], at = T0): IngestItemInput {
  return { id: `feed-${++counter}`, type, at: new Date(at).toISOString(), data } as IngestItemInput;
}

export async function getJson<T>(url: string, cookie?: string): Promise<T> {
  const res = await fetch(url, cookie ? { headers: { cookie } } : {});
  const body = (await res.json()) as Ack<T>;
  if (!body.ok) throw new Error(body.error.message);
  return body.data;
}
