import Database from 'better-sqlite3';
import type { IngestBatch } from '../../protocol/index.js';
import { startLoadGen } from './load/rpc.js';
import { startOurs } from './ours.js';
import { withLoopDelay } from './loop-delay.js';
import { profiled } from './profile.js';
import { fmt, row, verdict, type MeasureResult, type Row } from './result.js';
import { nowMs } from './time.js';
import { FactStream, realReference } from './world.js';

export interface IngestOptions {
  batches: number;
  batchSize: number;
  /** Dashboards connected while ingesting, so the broadcast step runs. */
  clients: number;
}

export const INGEST_FULL: IngestOptions = { batches: 150, batchSize: 100, clients: 20 };

interface Run {
  eventsPerSecond: number;
  maxBatchMs: number;
  /** Longest event-loop stall over the run, batches and whatever they set off (broadcast, checkpoint). */
  maxStallMs: number;
}

/**
 * Feed batches through the real ingest path (the route's ingest-key lookup and zod validation, engine:
 * dedupe, decide, project, append in one transaction, broadcast) back to back, yielding to the
 * event loop between batches; then the same rows through one prepared INSERT per row in a
 * transaction per batch, on the same WAL file with the same synchronous setting.
 */
export async function ingest(o: IngestOptions = INGEST_FULL): Promise<MeasureResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const mode of ['NORMAL', 'FULL'] as const) {
    const { ours, raw } = await runMode(mode, o);
    const ratio = ours.eventsPerSecond / raw.eventsPerSecond;
    rows.push(
      row(`events/s, synchronous=${mode}`, fmt(ours.eventsPerSecond, 0), `${fmt(raw.eventsPerSecond, 0)} (raw insert)`, ratio, '≥ 0.8× raw', verdict(ratio >= 0.8)),
      row(`longest batch, ${mode}`, `${fmt(ours.maxBatchMs, 2)} ms`, `${fmt(raw.maxBatchMs, 2)} ms`, ours.maxBatchMs / raw.maxBatchMs, '≤ 5 ms per batch', verdict(ours.maxBatchMs <= 5)),
      row(`longest event-loop stall, ${mode}`, `${fmt(ours.maxStallMs, 2)} ms`, `${fmt(raw.maxStallMs, 2)} ms`, ours.maxStallMs / raw.maxStallMs, '—', 'INFO'),
    );
  }
  return {
    id: 4,
    title: 'Ingest',
    setup:
      `${o.batches} batches of ${o.batchSize} mixed facts per mode, with ${o.clients} dashboards connected (thin clients in a separate process). ` +
      `A batch's time is wall time from the ingest-key check and validation (as POST /api/ingest does them, minus HTTP) to the engine's reply; the store is synchronous (better-sqlite3), so that is the time the event loop is blocked by the batch. The longest stall is Node's event-loop delay histogram (1 ms timer) over the whole run, so it also counts what a batch sets off after its reply (the broadcast's writes, checkpoint slices, GC). ` +
      `Baseline: the same rows (JSON data, same columns) through a prepared better-sqlite3 INSERT, one transaction per batch, on the same database file after ours (WAL, same synchronous).`,
    rows,
    notes,
  };
}

async function runMode(mode: 'NORMAL' | 'FULL', o: IngestOptions): Promise<{ ours: Run; raw: Run }> {
  const reference = realReference();
  const ours = await startOurs({ reference, synchronous: mode });
  const gen = startLoadGen();
  const stream = new FactStream(reference, 4, mode === 'NORMAL' ? 'N' : 'F');
  const batches: IngestBatch[] = Array.from({ length: o.batches + 10 }, () => ({ source: 'bench-feed', events: stream.mixed(o.batchSize) }));
  let oursRun: Run;
  try {
    for (const b of stream.onDutyBatches()) await ours.ingest(b);
    await gen.call({ cmd: 'connect', kind: 'light', url: ours.url, n: o.clients, lastSeq: ours.app.engine.seq, cookie: ours.cookie });
    // The first 10 batches warm up the JIT and the page cache.
    for (const b of batches.slice(0, 10)) await ours.ingest(b);
    oursRun = await profiled(`ingest-${mode}`, () => timeBatches(batches.slice(10), (b) => ours.ingest(b)));
    await gen.call({ cmd: 'closeAll' });
  } finally {
    await gen.stop();
    await ours.stop();
  }

  const db = new Database(ours.dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${mode}`);
    const insert = db.prepare(
      `INSERT INTO events (seq, type, at, recorded_at, actor, source, source_event_id, data)
       VALUES (@seq, @type, @at, @recordedAt, @actor, @source, @sourceEventId, @data)`,
    );
    let seq = (db.prepare('SELECT coalesce(max(seq), 0) AS s FROM events').get() as { s: number }).s;
    const write = db.transaction((b: IngestBatch) => {
      const recordedAt = Date.now();
      for (const e of b.events) {
        insert.run({ seq: ++seq, type: e.type, at: Date.parse(e.at), recordedAt, actor: 'feed:raw', source: 'raw-feed', sourceEventId: e.id, data: JSON.stringify(e.data) });
      }
    });
    const rawRun = await timeBatches(batches.slice(10), async (b) => write(b));
    return { ours: oursRun, raw: rawRun };
  } finally {
    db.close();
    ours.cleanup();
  }
}

async function timeBatches(batches: readonly IngestBatch[], run: (b: IngestBatch) => Promise<unknown>): Promise<Run> {
  const { result, delay } = await withLoopDelay(() => timeEach(batches, run));
  return { ...result, maxStallMs: delay.maxMs };
}

async function timeEach(batches: readonly IngestBatch[], run: (b: IngestBatch) => Promise<unknown>): Promise<Omit<Run, 'maxStallMs'>> {
  let events = 0;
  let busy = 0;
  let maxBatchMs = 0;
  for (const b of batches) {
    const t0 = nowMs();
    await run(b);
    const ms = nowMs() - t0;
    busy += ms;
    maxBatchMs = Math.max(maxBatchMs, ms);
    events += b.events.length;
    // Let sockets and timers run between batches, as they would between two POSTs.
    await new Promise((done) => setImmediate(done));
  }
  return { eventsPerSecond: events / (busy / 1000), maxBatchMs };
}
