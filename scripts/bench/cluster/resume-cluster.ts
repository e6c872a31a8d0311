import type { IngestBatch } from '../../../protocol/index.js';
import type { ResumeReport } from '../load/protocol.js';
import { startLoadGen } from '../load/rpc.js';
import { besideSingleNode, fmt, row, singleNodeRow, verdict, type MeasureResult } from '../result.js';
import { dropPhase, RESUME_FULL, RESUME_METRICS, type ResumeOptions } from '../resume.js';
import { summarise } from '../stats.js';
import { FactStream, realReference } from '../world.js';
import { retriedRow, startCluster } from './cluster.js';
import { addRetries, noRetries, type Fed } from './node-commands.js';

/**
 * Measure 8's drops on a 2-node cluster: each client comes back on the other node every time, so
 * every catch-up is answered by the node that did not send what the client had; the feed's
 * batches go to the nodes in turn. (A node's loss is measure 9, failover.)
 */
export async function resumeCluster(earlier: readonly MeasureResult[], o: ResumeOptions = RESUME_FULL): Promise<MeasureResult> {
  const cluster = await startCluster(2);
  const gen = startLoadGen();
  let delivery: ResumeReport;
  let loadgen: number;
  let retried = noRetries();
  try {
    const { nodes, urls, store } = cluster;
    const stream = new FactStream(realReference(), 8, 'R');
    const send = async (node: number, batch: IngestBatch) => {
      retried = addRetries(retried, (await nodes[node]!.call<Fed>({ cmd: 'ingest', batch })).retried);
    };
    for (const batch of stream.onDutyBatches()) await send(0, batch);
    // A client refused at its first handshake stays down (as a dashboard would): counted below, not fatal.
    const { connected } = await gen.call<{ connected: number }>({ cmd: 'resumeConnect', urls, n: o.clients, cookies: await cluster.sessions(o.clients) });
    if (connected === 0) throw new Error('no resume client got in sync');
    loadgen = await dropPhase(gen, o, stream, (batch, tick) => send(tick % nodes.length, batch));
    // What every client must hold: each non-position fact after the snapshot it started from.
    const finalSeq = await store.lastSeq();
    const log = await store.eventsAfter(0, finalSeq);
    const nonPositionSeqs = log.filter((e) => e.type !== 'officers.moved').map((e) => e.seq);
    delivery = await gen.call<ResumeReport>({ cmd: 'resumeReport', nonPositionSeqs, finalSeq, timeoutMs: 10_000 });
    await gen.call({ cmd: 'closeAll' });
  } finally {
    await gen.stop();
    await cluster.stop();
  }
  const pct = delivery.expected ? (100 * delivery.delivered) / delivery.expected : Number.NaN;
  const replay = summarise(delivery.replayMs);
  const single = (metric: string) => singleNodeRow(earlier, 8, metric);
  return {
    id: 8,
    variant: 'cluster',
    title: 'Resume, 2-node cluster',
    setup:
      `Measure 8's ${o.clients} clients, drops (${o.downMs / 1000} s every ${o.periodMs / 1000} s, ${fmt(delivery.drops, 0)} in all) and feed (${o.eventsPerSecond} mixed facts/s and a 1 Hz position tick, for ${o.seconds} s) on two nodes over PostgreSQL and Redis: ` +
      `the clients start half on each node and each comes back on the other node after every drop; the feed's batches go to the nodes in turn. ` +
      `Which facts each client must hold is read from the log. Baselines: the single SQLite node's figures from measure 8 in the same run (its restart is measure 9 here).`,
    rows: [
      besideSingleNode(single(RESUME_METRICS.delivered), RESUME_METRICS.delivered, `${fmt(pct, 3)}% (${fmt(delivery.delivered, 0)}/${fmt(delivery.expected, 0)})`, pct, '100%', verdict(delivery.expected > 0 && delivery.delivered === delivery.expected)),
      besideSingleNode(single(RESUME_METRICS.replayP99), RESUME_METRICS.replayP99, `${fmt(replay.p99, 0)} ms`, replay.p99, '≤ 1 s', verdict(replay.p99 <= 1000)),
      besideSingleNode(single(RESUME_METRICS.replayP50), RESUME_METRICS.replayP50, `${fmt(replay.p50, 0)} ms`, replay.p50),
      besideSingleNode(single(RESUME_METRICS.snapshots), RESUME_METRICS.snapshots, fmt(delivery.snapshotsInsteadOfReplay, 0), delivery.snapshotsInsteadOfReplay, '0', verdict(delivery.snapshotsInsteadOfReplay === 0)),
      besideSingleNode(single(RESUME_METRICS.loadgen), RESUME_METRICS.loadgen, fmt(loadgen, 2), loadgen, '< 1 (else the clients set the pace)'),
      row('clients left down by a refused handshake (the dashboard does not retry one)', fmt(delivery.refused, 0), '—', null, '0', verdict(delivery.refused === 0)),
      retriedRow(retried, 'feed batches'),
    ],
  };
}
