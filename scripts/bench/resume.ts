import type { IngestBatch } from '../../protocol/index.js';
import type { RestartReport, ResumeReport } from './load/protocol.js';
import { startLoadGen, type LoadGen } from './load/rpc.js';
import { recordDeltas, startOurs } from './ours.js';
import { paced } from './pace.js';
import { profiled } from './profile.js';
import { fmt, row, verdict, type MeasureResult } from './result.js';
import { summarise } from './stats.js';
import { nowMs, sleep } from './time.js';
import { FactStream, realReference } from './world.js';

export interface ResumeOptions {
  clients: number;
  seconds: number;
  periodMs: number;
  downMs: number;
  eventsPerSecond: number;
  tickMs: number;
}

/**
 * 50 facts/s, not measure 1's 200: 1,000 clients that each decode every message (they must, to
 * track what they received) saturate the one load-generator core at 200/s, and the replay time
 * then measures the load generator's queue, not the server.
 */
export const RESUME_FULL: ResumeOptions = { clients: 1000, seconds: 30, periodMs: 15_000, downMs: 2000, eventsPerSecond: 50, tickMs: 100 };

/** Measure 8's rows, by name: the cluster variant (cluster/resume-cluster.ts) puts its own beside them. */
export const RESUME_METRICS = {
  delivered: 'non-position events delivered',
  replayP99: 'replay latency p99',
  replayP50: 'replay latency p50',
  snapshots: 'catch-ups answered with a snapshot instead of deltas',
  loadgen: 'load generator CPU (share of one core)',
} as const;

/**
 * The clients (connected with `resumeConnect`) drop and come back for `o.seconds` while `send`
 * feeds mixed facts, with a position tick for every officer once a second (`send`'s second
 * argument is the tick's number). Resolves with the share of one core the load generator used.
 */
export async function dropPhase(gen: LoadGen, o: ResumeOptions, stream: FactStream, send: (batch: IngestBatch, tick: number) => Promise<unknown>): Promise<number> {
  const perTick = Math.max(1, Math.round((o.eventsPerSecond * o.tickMs) / 1000));
  const ticksPerSecond = Math.round(1000 / o.tickMs);
  const feed = paced(o.seconds * 1000, o.tickMs, async (i) => {
    await send({ source: 'bench-feed', events: i % ticksPerSecond === 0 ? [...stream.mixed(perTick), stream.moved()] : stream.mixed(perTick) }, i);
  });
  const { loadgenCore } = await gen.call<{ loadgenCore: number }>({ cmd: 'resumeRun', durationMs: o.seconds * 1000, periodMs: o.periodMs, downMs: o.downMs });
  await feed;
  return loadgenCore;
}

/**
 * Dashboards on bad links: each of the clients (real socket.io-client, with the dashboard's
 * resume logic) drops for downMs every periodMs while mixed facts and 1 Hz position ticks flow,
 * then says hello with its last seq. Afterwards the server is stopped and started again on the
 * same file and port, and we time how soon each client is back in sync.
 */
export async function resume(o: ResumeOptions = RESUME_FULL): Promise<MeasureResult> {
  const reference = realReference();
  const gen = startLoadGen();
  let ours = await startOurs({ reference });
  const { port, dbPath } = ours;
  let delivery: ResumeReport;
  let restart: RestartReport;
  let loadgen = 0;
  try {
    const stream = new FactStream(reference, 8, 'R');
    for (const b of stream.onDutyBatches()) await ours.ingest(b);
    const { connected } = await gen.call<{ connected: number }>({ cmd: 'resumeConnect', urls: [ours.url], n: o.clients, cookies: await ours.sessions(o.clients) });
    if (connected < o.clients) throw new Error(`only ${connected} of ${o.clients} resume clients got in sync`);
    const recorder = recordDeltas(ours.app);
    // `ours` is replaced by the restarted server below; this window belongs to the first one.
    const server = ours;
    loadgen = await profiled('resume-ours', () => dropPhase(gen, o, stream, (batch) => server.ingest(batch)));
    recorder.stop();
    const nonPositionSeqs = recorder.batches.flat().filter((d) => d.type !== 'officers.moved').map((d) => d.seq);
    delivery = await gen.call<ResumeReport>({ cmd: 'resumeReport', nonPositionSeqs, finalSeq: ours.app.engine.seq, timeoutMs: 10_000 });

    // Restart on the same file and port; clients reconnect on their own (default back-off) with
    // the same cookies: sessions live in the same database, so they survive the restart.
    await gen.call({ cmd: 'restartMark' });
    await ours.stop();
    ours = await startOurs({ reference, dbPath, port });
    const upAt = nowMs();
    restart = await gen.call<RestartReport>({ cmd: 'restartReport', upAt, timeoutMs: 15_000, finalSeq: ours.app.engine.seq });
    await gen.call({ cmd: 'closeAll' });
  } finally {
    await gen.stop();
    await ours.stop();
    ours.cleanup();
    await sleep(100);
  }
  const { rmSync } = await import('node:fs');
  rmSync(dbPath.replace(/\/nexus\.db$/, ''), { recursive: true, force: true });

  const pct = delivery.expected ? (100 * delivery.delivered) / delivery.expected : Number.NaN;
  const replay = summarise(delivery.replayMs);
  const back = restart.resyncMs.map((x) => x ?? Number.POSITIVE_INFINITY);
  const within2s = (100 * back.filter((x) => x <= 2000).length) / restart.clients;
  const p95Back = summarise(back.filter(Number.isFinite)).p95;
  return {
    id: 8,
    title: 'Resume',
    setup:
      `${o.clients} real socket.io-clients in a separate process, signed in as a national duty manager (a session each, its cookie in every handshake), each with the dashboard's resume logic, each dropped for ${o.downMs / 1000} s every ${o.periodMs / 1000} s ` +
      `(spread evenly) for ${o.seconds} s while ${o.eventsPerSecond} mixed facts/s and a 1 Hz position tick flow (${fmt(delivery.drops, 0)} drops). ` +
      `Replay latency = reconnect started → hello reply (the missed deltas) received. Then the server is stopped (checkpoint) and started on the same file and port; ` +
      `clients reconnect with socket.io-client's default back-off. Baseline: none in-process (the targets are absolute); the ratio column is against the target.`,
    rows: [
      row(RESUME_METRICS.delivered, `${fmt(pct, 3)}% (${fmt(delivery.delivered, 0)}/${fmt(delivery.expected, 0)})`, '—', null, '100%', verdict(delivery.expected > 0 && delivery.delivered === delivery.expected), pct),
      row(RESUME_METRICS.replayP99, `${fmt(replay.p99, 0)} ms`, '1,000 ms (target)', replay.p99 / 1000, '≤ 1 s', verdict(replay.p99 <= 1000), replay.p99),
      row(RESUME_METRICS.replayP50, `${fmt(replay.p50, 0)} ms`, '—', null, '—', 'INFO', replay.p50),
      row(RESUME_METRICS.snapshots, fmt(delivery.snapshotsInsteadOfReplay, 0), '—', null, '0', verdict(delivery.snapshotsInsteadOfReplay === 0), delivery.snapshotsInsteadOfReplay),
      row('back and resynced ≤ 2 s after restart', `${fmt(within2s, 1)}%`, '95% (target)', within2s / 95, '≥ 95%', verdict(within2s >= 95)),
      row(RESUME_METRICS.loadgen, fmt(loadgen, 2), '—', null, '< 1 (else the clients set the pace)', 'INFO', loadgen),
      row('restart: p95 time to resync', `${fmt(p95Back, 0)} ms`, '—', null, '—', 'INFO'),
    ],
  };
}
