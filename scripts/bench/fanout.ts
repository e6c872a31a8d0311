import type { Delta } from '../../protocol/index.js';
import type { LatencyReport, Counters } from './load/protocol.js';
import { startLoadGen } from './load/rpc.js';
import { broadcastDeltas, recordDeltas, startOurs } from './ours.js';
import { paced } from './pace.js';
import { withLoopDelay, type LoopDelay } from './loop-delay.js';
import { profiled } from './profile.js';
import { startRawWs } from './raw-ws-server.js';
import { fmt, row, verdict, type MeasureResult } from './result.js';
import { summarise } from './stats.js';
import { cpuMicros, nowMs, sleep } from './time.js';
import { FactStream, realReference } from './world.js';

export interface FanoutOptions {
  clients: number;
  /** Of the clients, how many decode every message (real socket.io-client / JSON.parse). */
  fullClients: number;
  eventsPerSecond: number;
  /** Feeds post a batch every tickMs; eventsPerSecond × tickMs / 1000 facts per batch. */
  tickMs: number;
  seconds: number;
  warmupSeconds: number;
}

export const FANOUT_FULL: FanoutOptions = { clients: 1000, fullClients: 100, eventsPerSecond: 200, tickMs: 50, seconds: 20, warmupSeconds: 2 };

/** Measure 1's rows, by name: the cluster variant (cluster/fanout-cluster.ts) puts its own beside them. */
export const FANOUT_METRICS = {
  p50: 'p50 emit → receive',
  p99: 'p99 emit → receive',
  max: 'max emit → receive',
  decodingP99: (fullClients: number) => `p99, the ${fullClients} decoding clients only`,
  loadgen: 'load generator CPU (share of one core)',
  loopDelay: 'server event-loop delay, p99 / max',
  delivered: 'messages delivered',
} as const;

interface Phase {
  latencies: number[];
  fullLatencies: number[];
  /** Share of one core the load generator used: near 1 means the clients, not the server, set the pace. */
  loadgenCore: number;
  frames: number;
  cpuUs: number;
  expected: number;
}

/**
 * Measures 1 and 2 share their runs (the same clients, the same payloads):
 * ours — real socket.io-clients in a child process, mixed facts through validate → engine →
 * broadcast at a fixed rate; then the recorded deltas re-broadcast alone (the broadcast cost);
 * raw — plain `ws` clients of a plain `ws` server sent the same Delta[] JSON, encoded once.
 */
export async function fanout(o: FanoutOptions = FANOUT_FULL): Promise<[MeasureResult, MeasureResult]> {
  const perTick = Math.max(1, Math.round((o.eventsPerSecond * o.tickMs) / 1000));
  const runMs = o.seconds * 1000;
  const reference = realReference();
  const gen = startLoadGen();
  let oursA: Phase;
  let oursB: Phase;
  let raw: Phase;
  let window: Delta[][];
  let oursDelay: LoopDelay;
  let rawDelay: LoopDelay;
  try {
    // --- ours: the real path --------------------------------------------------------------
    const ours = await startOurs({ reference });
    try {
      const stream = new FactStream(reference, 1);
      for (const b of stream.onDutyBatches()) await ours.ingest(b);
      await gen.call({ cmd: 'connect', kind: 'sio', url: ours.url, n: o.clients, full: o.fullClients, lastSeq: null, record: true, cookies: await ours.sessions(o.clients) });
      const feed = () => ours.ingest({ source: 'bench-feed', events: stream.mixed(perTick) });
      await paced(o.warmupSeconds * 1000, o.tickMs, feed);
      await sleep(300);
      await gen.call({ cmd: 'reset' });
      const recorder = recordDeltas(ours.app);
      const since = nowMs();
      const cpu0 = cpuMicros();
      const { result: ticks, delay } = await withLoopDelay(() => profiled('fanout-ours', () => paced(runMs, o.tickMs, feed)));
      oursDelay = delay;
      const cpu1 = cpuMicros();
      recorder.stop();
      window = recorder.batches;
      const counters = await gen.call<Counters>({ cmd: 'waitFor', frames: ticks * o.clients, timeoutMs: 10_000 });
      const emits = [...ours.emitAt].filter(([, t]) => t >= since);
      const lat = await gen.call<LatencyReport>({ cmd: 'latency', emits });
      oursA = { ...fromReport(lat, counters), cpuUs: cpu1 - cpu0, expected: ticks * o.clients };

      // Broadcast alone: the same payloads, filtered for the scope and emitted to its room, without the engine.
      await gen.call({ cmd: 'reset' });
      const replay = window.slice(0, Math.ceil(window.length / 2));
      const cpu2 = cpuMicros();
      await profiled('broadcast-ours', () =>
        paced(replay.length * o.tickMs, o.tickMs, (i) => {
          const d = replay[i];
          if (d) broadcastDeltas(ours.app, d);
        }),
      );
      const b = await gen.call<Counters>({ cmd: 'waitFor', frames: replay.length * o.clients, timeoutMs: 10_000 });
      oursB = { latencies: [], fullLatencies: [], loadgenCore: b.cpuUs / 1000 / b.ms, frames: b.frames, cpuUs: cpuMicros() - cpu2, expected: replay.length * o.clients };
      await gen.call({ cmd: 'closeAll' });
    } finally {
      await ours.stop();
      ours.cleanup();
    }

    // --- raw ws: the same payloads, encoded once per broadcast ------------------------------
    const rawWs = await startRawWs();
    try {
      await gen.call({ cmd: 'connect', kind: 'ws', url: rawWs.url, n: o.clients, full: o.fullClients, record: true });
      let sent = 0;
      const send = (d: Delta[] | undefined) => {
        if (!d?.[0]) return;
        sent++;
        const t = nowMs();
        const data = Buffer.from(JSON.stringify(d));
        rawWs.emitAt.set(d[0].seq, t);
        rawWs.broadcast(data);
      };
      const warm = window.slice(0, Math.round((o.warmupSeconds * 1000) / o.tickMs));
      await paced(warm.length * o.tickMs, o.tickMs, (i) => send(warm[i]));
      await sleep(300);
      await gen.call({ cmd: 'reset' });
      rawWs.emitAt.clear();
      sent = 0;
      const cpu0 = cpuMicros();
      rawDelay = (await withLoopDelay(() => profiled('broadcast-raw', () => paced(window.length * o.tickMs, o.tickMs, (i) => send(window[i]))))).delay;
      const cpu1 = cpuMicros();
      const ticks = sent;
      const counters = await gen.call<Counters>({ cmd: 'waitFor', frames: ticks * o.clients, timeoutMs: 10_000 });
      const lat = await gen.call<LatencyReport>({ cmd: 'latency', emits: [...rawWs.emitAt] });
      raw = { ...fromReport(lat, counters), cpuUs: cpu1 - cpu0, expected: ticks * o.clients };
      await gen.call({ cmd: 'closeAll' });
    } finally {
      await rawWs.close();
    }
  } finally {
    await gen.stop();
  }

  const a = summarise(oursA.latencies);
  const r = summarise(raw.latencies);
  const af = summarise(oursA.fullLatencies);
  const rf = summarise(raw.fullLatencies);
  const p99Ratio = a.p99 / r.p99;
  const ms = (x: number) => `${fmt(x, 2)} ms`;
  const m1: MeasureResult = {
    id: 1,
    title: 'Fan-out latency',
    setup:
      `${o.clients} Socket.IO connections in a separate process, all signed in as national duty managers (a session each, its cookie in the handshake; they see everything, as the baseline's clients do), each in that scope's room after \`sync:hello\`: ${o.fullClients} real socket.io-clients that decode every message, ` +
      `and ${o.clients - o.fullClients} thin clients speaking the same Engine.IO/Socket.IO wire protocol that read only the first seq of each frame (one load-generator core cannot decode 1,000 clients' traffic). ` +
      `${o.eventsPerSecond} mixed facts/s (arrests, checks, releases, roster, arrivals, small position batches) ` +
      `posted as a feed does, ${perTick} per batch every ${o.tickMs} ms, through validation → engine → SQLite → broadcast, for ${o.seconds} s after ${o.warmupSeconds} s warm-up. ` +
      `Latency = client receive − server emit (the moment the broadcast enters Socket.IO), on the system-wide monotonic clock. ` +
      `Baseline: a plain \`ws\` server in the same process sending the same Delta[] JSON to ${o.clients} plain \`ws\` clients (the same ${o.fullClients} parse every message with JSON.parse, the others read the first seq).`,
    rows: [
      row(FANOUT_METRICS.p50, ms(a.p50), ms(r.p50), a.p50 / r.p50, '—', 'INFO', a.p50),
      row(FANOUT_METRICS.p99, ms(a.p99), ms(r.p99), p99Ratio, '≤ 25 ms and ≤ 1.5× raw', verdict(a.p99 <= 25 && p99Ratio <= 1.5), a.p99),
      row(FANOUT_METRICS.max, ms(a.max), ms(r.max), a.max / r.max, '—', 'INFO', a.max),
      row(FANOUT_METRICS.decodingP99(o.fullClients), ms(af.p99), ms(rf.p99), af.p99 / rf.p99, '—', 'INFO', af.p99),
      row(FANOUT_METRICS.loadgen, fmt(oursA.loadgenCore, 2), fmt(raw.loadgenCore, 2), null, '< 1 (else the clients set the pace)', 'INFO', oursA.loadgenCore),
      row(FANOUT_METRICS.loopDelay, `${ms(oursDelay!.p99Ms)} / ${ms(oursDelay!.maxMs)}`, `${ms(rawDelay!.p99Ms)} / ${ms(rawDelay!.maxMs)}`, oursDelay!.maxMs / rawDelay!.maxMs, '—', 'INFO', oursDelay!.maxMs),
      row(FANOUT_METRICS.delivered, `${fmt(oursA.frames, 0)}/${fmt(oursA.expected, 0)}`, `${fmt(raw.frames, 0)}/${fmt(raw.expected, 0)}`, null, 'all', verdict(oursA.frames >= oursA.expected)),
    ],
  };
  const perMsg = (p: Phase) => p.cpuUs / Math.max(1, p.frames);
  const bRatio = perMsg(oursB) / perMsg(raw);
  const us = (x: number) => `${fmt(x, 2)} µs`;
  const m2: MeasureResult = {
    id: 2,
    title: 'Broadcast cost',
    setup:
      `Server-process CPU (user + system) per delivered message, over the runs of measure 1. "Broadcast only" re-emits ${fmt(oursB.expected / o.clients, 0)} of the recorded Delta[] batches ` +
      `as the engine's listener does (filtered for the duty managers' scope, one emit to its room) at the same rate; "whole path" is the measure-1 run with ingest. Baseline: raw \`ws\` sending each batch as one pre-encoded Buffer.`,
    rows: [
      row('CPU per delivered message, broadcast only', us(perMsg(oursB)), us(perMsg(raw)), bRatio, '≤ 1.25× raw', verdict(bRatio <= 1.25)),
      row('CPU per delivered message, whole path (validate, store, project, broadcast)', us(perMsg(oursA)), us(perMsg(raw)), perMsg(oursA) / perMsg(raw), '—', 'INFO'),
    ],
  };
  return [m1, m2];
}

function fromReport(lat: LatencyReport, c: Counters): Pick<Phase, 'latencies' | 'fullLatencies' | 'frames' | 'loadgenCore'> {
  return { latencies: lat.latencies, fullLatencies: lat.fullLatencies, frames: c.frames, loadgenCore: c.cpuUs / 1000 / c.ms };
}
