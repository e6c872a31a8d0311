import Database from 'better-sqlite3';
import type { IngestBatch } from '../../protocol/index.js';
import { startLoadGen } from './load/rpc.js';
import { startOurs } from './ours.js';
import { withLoopDelay } from './loop-delay.js';
import { profiled } from './profile.js';
import { fmt, row, verdict, type MeasureResult, type Row } from './result.js';
import { summarise } from './stats.js';
import { nowMs } from './time.js';
import { FactStream, realReference } from './world.js';
import { closedLoop } from './writers.js';

export interface IngestOptions {
  batches: number;
  batchSize: number;
  /** Dashboards connected while ingesting, so the broadcast step runs. */
  clients: number;
  /** Group commit: `writes` single-fact batches sent by `writers` writers at once (synchronous=FULL). */
  writes: number;
  writers: number;
  /** The baseline's share of those writes: one durable commit each is slow, and its rate does not depend on the count. */
  rawWrites: number;
}

export const INGEST_FULL: IngestOptions = { batches: 150, batchSize: 100, clients: 20, writes: 3000, writers: 50, rawWrites: 300 };

/** Measure 4's rows, by name: the cluster variant (cluster/ingest-cluster.ts) puts its own beside them. */
export const INGEST_METRICS = {
  eventsPerSecond: (mode: 'NORMAL' | 'FULL') => `events/s, synchronous=${mode}`,
  longestBatch: (mode: 'NORMAL' | 'FULL') => `longest batch, ${mode}`,
  longestStall: (mode: 'NORMAL' | 'FULL') => `longest event-loop stall, ${mode}`,
  writesPerSecond: (writers: number) => `events/s, single-fact writes, ${writers} at once, FULL`,
  factsPerCommit: (writers: number) => `facts per commit, ${writers} writers at once`,
  ackP99: (writers: number) => `p99 time to acknowledgement, ${writers} writers at once`,
} as const;

/** What `writers` writers at once got: facts per second, facts per commit, time to each acknowledgement. */
export interface GroupRun {
  eventsPerSecond: number;
  factsPerCommit: number;
  ackP99Ms: number;
}

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
      row(INGEST_METRICS.eventsPerSecond(mode), fmt(ours.eventsPerSecond, 0), `${fmt(raw.eventsPerSecond, 0)} (raw insert)`, ratio, '≥ 0.8× raw', verdict(ratio >= 0.8), ours.eventsPerSecond),
      row(INGEST_METRICS.longestBatch(mode), `${fmt(ours.maxBatchMs, 2)} ms`, `${fmt(raw.maxBatchMs, 2)} ms`, ours.maxBatchMs / raw.maxBatchMs, '≤ 5 ms per batch', verdict(ours.maxBatchMs <= 5), ours.maxBatchMs),
      row(INGEST_METRICS.longestStall(mode), `${fmt(ours.maxStallMs, 2)} ms`, `${fmt(raw.maxStallMs, 2)} ms`, ours.maxStallMs / raw.maxStallMs, '—', 'INFO', ours.maxStallMs),
    );
  }
  const { ours: grouped, raw: oneByOne } = await groupCommit(o);
  rows.push(
    row(INGEST_METRICS.writesPerSecond(o.writers), fmt(grouped.eventsPerSecond, 0), `${fmt(oneByOne.eventsPerSecond, 0)} (raw insert, one commit each)`, grouped.eventsPerSecond / oneByOne.eventsPerSecond, '—', 'INFO', grouped.eventsPerSecond),
    row(INGEST_METRICS.factsPerCommit(o.writers), fmt(grouped.factsPerCommit, 1), '1 (raw insert)', null, '—', 'INFO', grouped.factsPerCommit),
    row(INGEST_METRICS.ackP99(o.writers), `${fmt(grouped.ackP99Ms, 1)} ms`, `${fmt(oneByOne.ackP99Ms, 1)} ms (one commit, one writer)`, grouped.ackP99Ms / oneByOne.ackP99Ms, '—', 'INFO', grouped.ackP99Ms),
  );
  return {
    id: 4,
    title: 'Ingest',
    setup:
      `${o.batches} batches of ${o.batchSize} mixed facts per mode, with ${o.clients} dashboards connected (thin clients in a separate process). ` +
      `A batch's time is wall time from the ingest-key check and validation (as POST /api/ingest does them, minus HTTP) to the engine's reply; the store is synchronous (better-sqlite3), so that is the time the event loop is blocked by the batch. The longest stall is Node's event-loop delay histogram (1 ms timer) over the whole run, so it also counts what a batch sets off after its reply (the broadcast's writes, checkpoint slices, GC). ` +
      `Baseline: the same rows (JSON data, same columns) through a prepared better-sqlite3 INSERT, one transaction per batch, on the same database file after ours (WAL, same synchronous). ` +
      `Group commit (synchronous=FULL, the product's default: every acknowledged fact is on disk): on a fresh database, ${fmt(o.writes, 0)} single-arrest batches from ${o.writers} writers at once, each sending its next as soon as the last was acknowledged, as many feeds and dashboards do; ` +
      `facts per commit counts the store's appends. Batches sent one at a time, as above, get one commit each whatever the mode: group commit only gathers writes that overlap. ` +
      `Its baseline: ${fmt(o.rawWrites, 0)} of those rows through the same INSERT, one durable transaction each (no grouping).`,
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
    await gen.call({ cmd: 'connect', kind: 'light', url: ours.url, n: o.clients, lastSeq: ours.app.engine.seq, cookies: await ours.sessions(o.clients) });
    // The first 10 batches warm up the JIT and the page cache.
    for (const b of batches.slice(0, 10)) await ours.ingest(b);
    oursRun = await profiled(`ingest-${mode}`, () => timeBatches(batches.slice(10), (b) => ours.ingest(b)));
    await gen.call({ cmd: 'closeAll' });
  } finally {
    await gen.stop();
    await ours.stop();
  }

  const raw = rawInserter(ours.dbPath, mode);
  try {
    const rawRun = await timeBatches(batches.slice(10), async (b) => raw.write(b));
    return { ours: oursRun, raw: rawRun };
  } finally {
    raw.close();
    ours.cleanup();
  }
}

/**
 * Group commit: single-fact writes from many writers at once, through the real ingest path with
 * dashboards connected (synchronous=FULL); then some of the same rows through the raw INSERT, one
 * durable transaction each.
 */
async function groupCommit(o: IngestOptions): Promise<{ ours: GroupRun; raw: GroupRun }> {
  const reference = realReference();
  const ours = await startOurs({ reference, synchronous: 'FULL' });
  const gen = startLoadGen();
  const stream = new FactStream(reference, 44, 'G');
  const writes = (n: number): IngestBatch[] => Array.from({ length: n }, () => ({ source: 'bench-feed', events: [stream.arrest()] }));
  let grouped: GroupRun;
  try {
    for (const b of stream.onDutyBatches()) await ours.ingest(b);
    await gen.call({ cmd: 'connect', kind: 'light', url: ours.url, n: o.clients, lastSeq: ours.app.engine.seq, cookies: await ours.sessions(o.clients) });
    await closedLoop(writes(o.writers * 4), o.writers, ours.ingest); // warm-up
    const before = ours.commits();
    const run = await profiled('ingest-group-commit', () => closedLoop(writes(o.writes), o.writers, ours.ingest));
    const after = ours.commits();
    grouped = groupRun(o.writes, run.ms, run.latencies, (after.facts - before.facts) / (after.commits - before.commits));
    await gen.call({ cmd: 'closeAll' });
  } finally {
    await gen.stop();
    await ours.stop();
  }
  const raw = rawInserter(ours.dbPath, 'FULL');
  try {
    const one = await closedLoop(writes(o.rawWrites), 1, async (b) => raw.write(b));
    return { ours: grouped, raw: groupRun(o.rawWrites, one.ms, one.latencies, 1) };
  } finally {
    raw.close();
    ours.cleanup();
  }
}

/** Figures of a closed-loop run (writers.ts) of single-fact writes. */
export const groupRun = (writes: number, ms: number, latencies: readonly number[], factsPerCommit: number): GroupRun => ({
  eventsPerSecond: writes / (ms / 1000),
  factsPerCommit,
  ackP99Ms: summarise(latencies).p99,
});

/** The baseline's writer: a prepared INSERT of the same columns, one transaction per batch, on our database file. */
function rawInserter(dbPath: string, mode: 'NORMAL' | 'FULL'): { write(batch: IngestBatch): void; close(): void } {
  const db = new Database(dbPath);
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
  return { write: (b) => write(b), close: () => db.close() };
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
