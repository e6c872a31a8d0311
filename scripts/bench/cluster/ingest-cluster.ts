import type { IngestBatch } from '../../../protocol/index.js';
import { groupRun, INGEST_FULL, INGEST_METRICS, type GroupRun, type IngestOptions } from '../ingest.js';
import type { LoopDelay } from '../loop-delay.js';
import { startLoadGen } from '../load/rpc.js';
import { besideSingleNode, fmt, row, singleNodeRow, type MeasureResult } from '../result.js';
import { FactStream, realReference } from '../world.js';
import type { WritersRun } from '../writers.js';
import { retriedRow, startCluster, type BenchCluster } from './cluster.js';
import { addRetries, noRetries, type Fed, type NodeInfo, type Retried } from './node-commands.js';

interface BatchRun {
  eventsPerSecond: number;
  maxBatchMs: number;
  maxStallMs: number;
}

/** Appends tried and appends committed over a phase (the difference lost the race to the other node), and the feed's retries. */
interface Races {
  attempts: number;
  lost: number;
  retried: Retried;
}

/**
 * Measure 4 on a 2-node cluster: the same batches, sent to the two nodes in turn, one at a time;
 * then group commit, the same single-fact writes from as many writers at once, half on each node.
 * Every append is a durable PostgreSQL commit (advisory lock, seq check, insert, NOTIFY).
 */
export async function ingestCluster(earlier: readonly MeasureResult[], o: IngestOptions = INGEST_FULL): Promise<MeasureResult> {
  const cluster = await startCluster(2);
  const gen = startLoadGen();
  let batches: { run: BatchRun; races: Races };
  let writes: { run: GroupRun; races: Races };
  try {
    const reference = realReference();
    const stream = new FactStream(reference, 4, 'F');
    for (const b of stream.onDutyBatches()) await send(cluster, 0, b);
    // Dashboards on both nodes, so each node's broadcast step runs.
    const cookies = await cluster.sessions(o.clients);
    for (const [i, node] of cluster.nodes.entries()) {
      const share = cookies.filter((_, c) => c % cluster.nodes.length === i);
      const { seq } = await node.call<NodeInfo>({ cmd: 'info' });
      await gen.call({ cmd: 'connect', kind: 'light', url: node.url, n: share.length, lastSeq: seq, cookies: share });
    }
    batches = await batchesInTurn(cluster, Array.from({ length: o.batches + 10 }, () => ({ source: 'bench-feed', events: stream.mixed(o.batchSize) })));
    writes = await writersAtOnce(cluster, new FactStream(reference, 44, 'G'), o);
    await gen.call({ cmd: 'closeAll' });
  } finally {
    await gen.stop();
    await cluster.stop();
  }
  const single = (metric: string) => singleNodeRow(earlier, 4, metric);
  const ms = (x: number) => `${fmt(x, 2)} ms`;
  const lost = (r: Races) => `${fmt(r.lost, 0)} of ${fmt(r.attempts, 0)}`;
  const { run: b } = batches;
  const { run: w } = writes;
  return {
    id: 4,
    variant: 'cluster',
    title: 'Ingest, 2-node cluster',
    setup:
      `Measure 4's ${o.batches} batches of ${o.batchSize} mixed facts (after 10 warm-up), sent one at a time to the two nodes in turn (each \`startServer\` in a process of its own, over PostgreSQL and Redis), with ${o.clients} dashboards spread over both. ` +
      `A batch's time is measured inside the node, from the ingest-key check to the engine's reply, as in measure 4; but the store is asynchronous here, so the node's event loop goes on meanwhile (the stall row is the longest the loop was held). ` +
      `A node whose append finds that the other node has appended since it last read the log (SeqConflict) reads it and decides again: "lost the race" counts those appends (the nodes' own append metrics minus the commits announced on the log's NOTIFY channel). ` +
      `Group commit: ${fmt(o.writes, 0)} single-arrest batches from ${o.writers} writers at once, half of them on each node. Baselines: the single SQLite node's figures (synchronous=FULL) from measure 4 in the same run.`,
    rows: [
      besideSingleNode(single(INGEST_METRICS.eventsPerSecond('FULL')), `events/s, batches of ${o.batchSize} to the nodes in turn`, fmt(b.eventsPerSecond, 0), b.eventsPerSecond),
      besideSingleNode(single(INGEST_METRICS.longestBatch('FULL')), 'longest batch', ms(b.maxBatchMs), b.maxBatchMs),
      besideSingleNode(single(INGEST_METRICS.longestStall('FULL')), 'longest event-loop stall (the worse node)', ms(b.maxStallMs), b.maxStallMs),
      row('appends that lost the race to the other node, batches', lost(batches.races), '—', null, '—', 'INFO'),
      retriedRow(batches.races.retried, 'batches'),
      besideSingleNode(single(INGEST_METRICS.writesPerSecond(o.writers)), INGEST_METRICS.writesPerSecond(o.writers), fmt(w.eventsPerSecond, 0), w.eventsPerSecond),
      besideSingleNode(single(INGEST_METRICS.factsPerCommit(o.writers)), INGEST_METRICS.factsPerCommit(o.writers), fmt(w.factsPerCommit, 1), w.factsPerCommit),
      besideSingleNode(single(INGEST_METRICS.ackP99(o.writers)), INGEST_METRICS.ackP99(o.writers), `${fmt(w.ackP99Ms, 1)} ms`, w.ackP99Ms),
      row('appends that lost the race to the other node, writers at once', lost(writes.races), '—', null, '—', 'INFO'),
      retriedRow(writes.races.retried, 'single-fact writes'),
    ],
  };
}

const send = (cluster: BenchCluster, node: number, batch: IngestBatch) => cluster.nodes[node]!.call<Fed>({ cmd: 'ingest', batch });

/** Runs `phase`, counting the appends it tried and the commits it made, cluster-wide. */
async function counted<T>(cluster: BenchCluster, phase: () => Promise<{ result: T; retried: Retried }>): Promise<{ result: T; races: Races; factsPerCommit: number }> {
  const [attempts0, commits0] = [await cluster.appendAttempts(), await cluster.commits()];
  const { result, retried } = await phase();
  const [attempts1, commits1] = [await cluster.appendAttempts(), await cluster.commits()];
  const commits = commits1.commits - commits0.commits;
  const attempts = attempts1 - attempts0;
  return { result, races: { attempts, lost: attempts - commits, retried }, factsPerCommit: (commits1.facts - commits0.facts) / commits };
}

/** The batches one at a time, to the nodes in turn; the first 10 warm up. */
async function batchesInTurn(cluster: BenchCluster, all: readonly IngestBatch[]): Promise<{ run: BatchRun; races: Races }> {
  for (const [i, b] of all.slice(0, 10).entries()) await send(cluster, i % 2, b);
  const measured = all.slice(10);
  const { nodes } = cluster;
  const { result, races } = await counted(cluster, async () => {
    for (const node of nodes) await node.call({ cmd: 'loopDelay', on: true });
    const times: number[] = [];
    let retried = noRetries();
    for (const [i, b] of measured.entries()) {
      const fed = await send(cluster, i % nodes.length, b);
      times.push(fed.ms);
      retried = addRetries(retried, fed.retried);
    }
    const delays: LoopDelay[] = [];
    for (const node of nodes) delays.push(await node.call<LoopDelay>({ cmd: 'loopDelay', on: false }));
    return { result: { times, delays }, retried };
  });
  const events = measured.reduce((n, b) => n + b.events.length, 0);
  const busy = result.times.reduce((a, t) => a + t, 0);
  return {
    run: { eventsPerSecond: events / (busy / 1000), maxBatchMs: Math.max(...result.times), maxStallMs: Math.max(...result.delays.map((d) => d.maxMs)) },
    races,
  };
}

/** Single-fact writes from `o.writers` writers at once, half on each node (after a warm-up). */
async function writersAtOnce(cluster: BenchCluster, stream: FactStream, o: IngestOptions): Promise<{ run: GroupRun; races: Races }> {
  const { nodes } = cluster;
  const perNode = Math.max(1, Math.round(o.writers / nodes.length));
  const writes = (n: number): IngestBatch[] => Array.from({ length: n }, () => ({ source: 'bench-feed', events: [stream.arrest()] }));
  const atOnce = async (batches: readonly IngestBatch[]) => {
    const runs = await Promise.all(
      nodes.map((node, i) => node.call<WritersRun & { retried: Retried }>({ cmd: 'writers', batches: batches.filter((_, b) => b % nodes.length === i), writers: perNode })),
    );
    return { result: runs, retried: runs.map((r) => r.retried).reduce(addRetries) };
  };
  await atOnce(writes(o.writers * 4));
  const { result, races, factsPerCommit } = await counted(cluster, () => atOnce(writes(o.writes)));
  const ms = Math.max(...result.map((r) => r.ms));
  return { run: groupRun(o.writes, ms, result.flatMap((r) => r.latencies), factsPerCommit), races };
}
