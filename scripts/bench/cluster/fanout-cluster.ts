import type { IngestBatch } from '../../../protocol/index.js';
import { FANOUT_FULL, FANOUT_METRICS, type FanoutOptions } from '../fanout.js';
import type { LoopDelay } from '../loop-delay.js';
import type { Counters, LatencyReport } from '../load/protocol.js';
import { startLoadGen } from '../load/rpc.js';
import { paced } from '../pace.js';
import { besideSingleNode, fmt, row, singleNodeRow, verdict, type MeasureResult } from '../result.js';
import { summarise } from '../stats.js';
import { nowMs, sleep } from '../time.js';
import { FactStream, realReference } from '../world.js';
import { retriedRow, startCluster, type BenchCluster } from './cluster.js';
import { addRetries, noRetries, type Fed } from './node-commands.js';

type Emits = Array<[number, number]>;

/**
 * Measure 1 on a 2-node cluster: the same clients, split between the nodes, and the same feed,
 * its batches sent to the nodes in turn. A client's latency runs from the moment the node that
 * appended the batch started broadcasting it (just after its commit) to the client's receipt, so
 * for the clients of the other node it includes the whole follow path: NOTIFY, read, fold, send.
 */
export async function fanoutCluster(earlier: readonly MeasureResult[], o: FanoutOptions = FANOUT_FULL): Promise<[MeasureResult]> {
  const perTick = Math.max(1, Math.round((o.eventsPerSecond * o.tickMs) / 1000));
  const cluster = await startCluster(2);
  const gen = startLoadGen();
  let run: Awaited<ReturnType<typeof measured>>;
  try {
    run = await measured(cluster, gen, o, perTick);
  } finally {
    await gen.stop();
    await cluster.stop();
  }
  const { latency, counters, expected, lags, delays, retried } = run;
  const all = summarise(latency.latencies);
  const full = summarise(latency.fullLatencies);
  const lag = summarise(lags);
  const worst = delays.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
  const ms = (x: number) => `${fmt(x, 2)} ms`;
  const single = (metric: string) => singleNodeRow(earlier, 1, metric);
  return [
    {
      id: 1,
      variant: 'cluster',
      title: 'Fan-out latency, 2-node cluster',
      setup:
        `Measure 1's clients (${o.clients}: ${o.fullClients} decoding socket.io-clients, the rest thin) and feed (${o.eventsPerSecond} mixed facts/s, ${perTick} per batch every ${o.tickMs} ms, ${o.seconds} s after ${o.warmupSeconds} s warm-up) on two nodes ` +
        `(each \`startServer\` in a process of its own, as \`npm run start:node\`) over PostgreSQL (a database made for the measure) and Redis: half the clients on each node, the feed's batches sent to the nodes in turn (minus HTTP, as in measure 1). ` +
        `Latency = client receive − the moment the node that appended the batch started broadcasting it, so clients of the other node include its follow path (NOTIFY, read the log, fold, send). ` +
        `Baseline: the single SQLite node's figure from measure 1 in the same run (WAL, synchronous=NORMAL there; PostgreSQL commits durably here).`,
      rows: [
        besideSingleNode(single(FANOUT_METRICS.p50), FANOUT_METRICS.p50, ms(all.p50), all.p50),
        besideSingleNode(single(FANOUT_METRICS.p99), FANOUT_METRICS.p99, ms(all.p99), all.p99, '≤ 25 ms', verdict(all.p99 <= 25)),
        besideSingleNode(single(FANOUT_METRICS.max), FANOUT_METRICS.max, ms(all.max), all.max),
        besideSingleNode(single(FANOUT_METRICS.decodingP99(o.fullClients)), FANOUT_METRICS.decodingP99(o.fullClients), ms(full.p99), full.p99),
        row("the other node's broadcast after the appending node's, p50 / p99", `${ms(lag.p50)} / ${ms(lag.p99)}`, '—', null, '—', 'INFO'),
        besideSingleNode(single(FANOUT_METRICS.loadgen), FANOUT_METRICS.loadgen, fmt(counters.cpuUs / 1000 / counters.ms, 2), counters.cpuUs / 1000 / counters.ms, '< 1 (else the clients set the pace)'),
        besideSingleNode(single(FANOUT_METRICS.loopDelay), 'node event-loop delay, p99 / max (the worse node)', `${ms(worst.p99Ms)} / ${ms(worst.maxMs)}`, worst.maxMs),
        row(
          FANOUT_METRICS.delivered,
          `${fmt(counters.frames, 0)}/${fmt(expected, 0)}`,
          single(FANOUT_METRICS.delivered) ? `${single(FANOUT_METRICS.delivered)!.ours} (single node)` : '—',
          null,
          'all',
          verdict(expected > 0 && counters.frames >= expected),
        ),
        retriedRow(retried, 'feed batches'),
      ],
    },
  ];
}

async function measured(cluster: BenchCluster, gen: ReturnType<typeof startLoadGen>, o: FanoutOptions, perTick: number) {
  const { nodes } = cluster;
  const stream = new FactStream(realReference(), 1);
  let retried = noRetries();
  const send = async (node: number, batch: IngestBatch) => {
    const fed = await nodes[node]!.call<Fed>({ cmd: 'ingest', batch });
    retried = addRetries(retried, fed.retried);
  };
  for (const b of stream.onDutyBatches()) await send(0, b);
  // Half the clients (and half the decoding ones) on each node, each with a session of its own.
  const cookies = await cluster.sessions(o.clients);
  const onNode = [Math.ceil(o.clients / 2), Math.floor(o.clients / 2)];
  const fullOn = [Math.ceil(o.fullClients / 2), Math.floor(o.fullClients / 2)];
  for (const [i, node] of nodes.entries()) {
    const from = i === 0 ? 0 : onNode[0]!;
    await gen.call({ cmd: 'connect', kind: 'sio', url: node.url, n: onNode[i]!, full: fullOn[i]!, lastSeq: null, record: true, cookies: cookies.slice(from, from + onNode[i]!) });
  }
  const feed = (i: number) => send(i % nodes.length, { source: 'bench-feed', events: stream.mixed(perTick) });
  await paced(o.warmupSeconds * 1000, o.tickMs, feed);
  await sleep(300);
  await gen.call({ cmd: 'reset' });
  const since = nowMs();
  for (const node of nodes) await node.call({ cmd: 'loopDelay', on: true });
  await paced(o.seconds * 1000, o.tickMs, feed);
  const delays: LoopDelay[] = [];
  for (const node of nodes) delays.push(await node.call<LoopDelay>({ cmd: 'loopDelay', on: false }));
  await sleep(300); // the last batches reach the other node
  const emits = await Promise.all(nodes.map((node) => node.call<Emits>({ cmd: 'emits', since })));
  const expected = emits.reduce((sum, e, i) => sum + e.length * onNode[i]!, 0);
  const counters = await gen.call<Counters>({ cmd: 'waitFor', frames: expected, timeoutMs: 10_000 });
  const { first, lags } = firstEmits(emits);
  const latency = await gen.call<LatencyReport>({ cmd: 'latency', emits: [...first] });
  await gen.call({ cmd: 'closeAll' });
  return { latency, counters, expected, lags, delays, retried };
}

/**
 * For each first seq broadcast, when the first node sent it (the one that appended it, just after
 * its commit), and how much later each other node sent a broadcast starting at the same seq.
 */
function firstEmits(byNode: readonly Emits[]): { first: Map<number, number>; lags: number[] } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const count = new Map<number, number>();
  for (const emits of byNode) {
    for (const [seq, t] of emits) {
      first.set(seq, Math.min(first.get(seq) ?? t, t));
      last.set(seq, Math.max(last.get(seq) ?? t, t));
      count.set(seq, (count.get(seq) ?? 0) + 1);
    }
  }
  const lags = [...count].filter(([, n]) => n > 1).map(([seq]) => last.get(seq)! - first.get(seq)!);
  return { first, lags };
}
