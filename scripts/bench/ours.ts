import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestBatch, type Delta } from '../../protocol/index.js';
import { createApp, type NexusApp } from '../../server/app.js';
import { systemClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { Reference } from '../../server/domain/index.js';
import { LIVE_ROOM } from '../../server/transport/socket-handlers.js';
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
  /** When each `sync:deltas` broadcast entered Socket.IO, by the first seq it carries. */
  emitAt: Map<number, number>;
  /** Validates like POST /api/ingest, then ingests; throws on a refusal (a bench bug). */
  ingest(batch: IngestBatch): Promise<void>;
  stop(): Promise<void>;
  /** Deletes the temporary database directory (after stop). */
  cleanup(): void;
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'nexus-bench-'));

/**
 * The real product: createApp with the SQLite store on a temporary WAL file, simulator off,
 * system clock, listening on 127.0.0.1 only.
 */
export async function startOurs(options: OursOptions): Promise<Ours> {
  const dir = options.dbPath ? null : tempDir();
  const dbPath = options.dbPath ?? join(dir!, 'nexus.db');
  const store = new SqliteStore({ path: dbPath, synchronous: options.synchronous ?? 'NORMAL' });
  const config = loadConfig({ NEXUS_SIMULATOR: 'off', NEXUS_HEARTBEAT_MS: String(options.heartbeatMs ?? 5000) });
  const app = await createApp({ store, clock: systemClock, config, reference: options.reference, log: silentLogger, clientDir: options.clientDir ?? null });
  const port = await app.listen(options.port ?? 0, '127.0.0.1');
  const emitAt = new Map<number, number>();
  stampBroadcasts(app, emitAt);
  return {
    app,
    store,
    url: `http://127.0.0.1:${port}`,
    port,
    dbPath,
    emitAt,
    ingest: async (batch) => {
      // The route's validation, then the engine: the path a feed's POST takes, minus HTTP.
      const parsed = IngestBatch.parse(batch);
      const ack = await app.engine.ingest(parsed, `feed:${parsed.source}`);
      if (!ack.ok) throw new Error(`bench ingest refused: ${ack.error.code} ${ack.error.message}`);
    },
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
 * The product has no hook just before a broadcast, so the bench wraps the namespace adapter's
 * `broadcast` to note the time the emit starts (before encoding). It changes nothing else.
 */
function stampBroadcasts(app: NexusApp, emitAt: Map<number, number>): void {
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

/** Sends deltas to every synced dashboard exactly as the engine's listener does. */
export function broadcastDeltas(app: NexusApp, deltas: Delta[]): void {
  app.io.to(LIVE_ROOM).emit('sync:deltas', deltas);
}

/** Records every batch of deltas the engine publishes, in order. */
export function recordDeltas(app: NexusApp): { batches: Delta[][]; stop: () => void } {
  const batches: Delta[][] = [];
  const stop = app.engine.subscribe((deltas) => batches.push([...deltas]));
  return { batches, stop };
}
