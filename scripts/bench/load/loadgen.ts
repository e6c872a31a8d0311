/**
 * A load generator: a child process holding many clients, so their work does not share the
 * server's event loop. The bench drives it over IPC (see protocol.ts). Times are read with the
 * system-wide monotonic clock, the same one the server stamps emits with.
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../../protocol/constants.js';
import type { ClientToServer, ServerToClient } from '../../../protocol/index.js';
import { cpuMicros, nowMs, sleep } from '../time.js';
import { FailoverLightClient } from './failover-client.js';
import { firstSeqOf, frameHeader, openLight } from './light-client.js';
import type { Command, Counters, FailoverSeen, LatencyReport, RestartReport, ResumeReport } from './protocol.js';
import { ResumeClient } from './resume-client.js';
import { serve } from './rpc.js';

const closers: Array<() => void> = [];
let resumeClients: ResumeClient[] = [];
let failoverClients: FailoverLightClient[] = [];
let frames = 0;
let bytes = 0;
let recording = false;
let resetAt = { cpu: cpuMicros(), at: nowMs() };
const counters = (): Counters => ({ frames, bytes, clients: closers.length, cpuUs: cpuMicros() - resetAt.cpu, ms: nowMs() - resetAt.at });
const recSeq: number[] = [];
const recAt: number[] = [];
const recFull: boolean[] = [];

function onFrame(firstSeq: number | null, size: number, full: boolean): void {
  const at = nowMs();
  frames++;
  bytes += size;
  if (recording && firstSeq !== null) {
    recSeq.push(firstSeq);
    recAt.push(at);
    recFull.push(full);
  }
}

async function openSio(url: string, cookie: string, lastSeq: number | null): Promise<void> {
  const socket: Socket<ServerToClient, ClientToServer> = io(url, { extraHeaders: { cookie }, transports: ['websocket'], forceNew: true, reconnection: false });
  socket.on('sync:deltas', (deltas) => onFrame(deltas[0]?.seq ?? null, 0, true));
  closers.push(() => socket.close());
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', fail);
  });
  const reply = await socket.timeout(30_000).emitWithAck('sync:hello', { protocolVersion: PROTOCOL_VERSION, lastSeq });
  if (!reply.ok) throw new Error(reply.error.message);
}

async function openRaw(url: string, full: boolean): Promise<void> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const size = (data: Buffer) => data.length + frameHeader(data.length);
  ws.on(
    'message',
    full
      ? // Parsed as a dashboard would: the payload is the same Delta[] JSON.
        (data: Buffer) => onFrame((JSON.parse(data.toString()) as Array<{ seq: number }>)[0]?.seq ?? null, size(data), true)
      : (data: Buffer) => onFrame(recording ? firstSeqOf(data) : null, size(data), false),
  );
  closers.push(() => ws.terminate());
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done());
    ws.once('error', fail);
  });
}

async function openLightClient(url: string, cookie: string, lastSeq: number | null): Promise<void> {
  const ws = await openLight(url, cookie, lastSeq, { onDeltas: (frame) => onFrame(recording ? firstSeqOf(frame) : null, frame.length + frameHeader(frame.length), false) });
  closers.push(() => ws.terminate());
}

/** Opens clients 50 at a time: a burst of 1,000 handshakes at once only measures the accept queue. */
async function inBatches(n: number, open: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < n; i += 50) await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => open(i + j)));
}

async function handle(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'connect': {
      const started = nowMs();
      const lastSeq = command.lastSeq ?? null;
      const full = command.full ?? command.n;
      const cookies = command.cookies ?? [];
      if (command.kind !== 'ws' && cookies.length === 0) throw new Error(`${command.kind} clients need session cookies`);
      const cookie = (i: number) => cookies[i % cookies.length] ?? '';
      // Full clients are spread evenly among the light ones.
      const isFull = (i: number) => Math.floor(((i + 1) * full) / command.n) > Math.floor((i * full) / command.n);
      const open = (i: number) =>
        command.kind === 'ws'
          ? openRaw(command.url, isFull(i))
          : command.kind === 'sio' && isFull(i)
            ? openSio(command.url, cookie(i), lastSeq)
            : openLightClient(command.url, cookie(i), lastSeq);
      await inBatches(command.n, open);
      recording = command.record ?? false;
      return { connected: command.n, ms: nowMs() - started };
    }
    case 'reset':
      frames = 0;
      bytes = 0;
      recSeq.length = 0;
      recAt.length = 0;
      recFull.length = 0;
      resetAt = { cpu: cpuMicros(), at: nowMs() };
      return null;
    case 'waitFor': {
      const until = nowMs() + command.timeoutMs;
      while (frames < command.frames && nowMs() < until) await sleep(2);
      return counters();
    }
    case 'counters':
      return counters();
    case 'latency': {
      const emits = new Map(command.emits);
      const latencies: number[] = [];
      const fullLatencies: number[] = [];
      let unmatched = 0;
      for (let i = 0; i < recSeq.length; i++) {
        const at = emits.get(recSeq[i]!);
        if (at === undefined) unmatched++;
        else {
          latencies.push(recAt[i]! - at);
          if (recFull[i]) fullLatencies.push(recAt[i]! - at);
        }
      }
      return { samples: latencies.length, unmatched, latencies, fullLatencies } satisfies LatencyReport;
    }
    case 'closeAll':
      for (const close of closers.splice(0)) close();
      for (const c of resumeClients.splice(0)) c.close();
      for (const c of failoverClients.splice(0)) c.close();
      frames = 0;
      bytes = 0;
      return null;
    case 'resumeConnect': {
      const started = nowMs();
      const { urls, cookies } = command;
      resumeClients = Array.from({ length: command.n }, (_, i) => new ResumeClient(urls, cookies[i % cookies.length]!, i % urls.length));
      while (resumeClients.some((c) => !c.synced && c.refusal === null) && nowMs() - started < 60_000) await sleep(20);
      return { connected: resumeClients.filter((c) => c.synced).length, refused: resumeClients.filter((c) => c.refusal !== null).length, ms: nowMs() - started };
    }
    case 'resumeRun': {
      // Client i drops at i/n of the period, then every period: drops are spread evenly.
      const started = nowMs();
      const timers = resumeClients.map((c, i) => {
        const first = (i / resumeClients.length) * command.periodMs;
        const timeout = setTimeout(function again() {
          if (nowMs() - started + command.downMs >= command.durationMs) return;
          c.drop(command.downMs);
          setTimeout(again, command.periodMs);
        }, first);
        return timeout;
      });
      const cpu0 = cpuMicros();
      await sleep(command.durationMs);
      timers.forEach(clearTimeout);
      return { loadgenCore: (cpuMicros() - cpu0) / 1000 / (nowMs() - started) };
    }
    case 'resumeReport': {
      const until = nowMs() + command.timeoutMs;
      // A client whose handshake was refused stays down: waiting for it would only wait out the timeout.
      while (resumeClients.some((c) => c.refusal === null && (c.lastSeq ?? 0) < command.finalSeq) && nowMs() < until) await sleep(20);
      let expected = 0;
      let delivered = 0;
      let clientsMissing = 0;
      for (const c of resumeClients) {
        const start = c.startSeq ?? command.finalSeq;
        let missing = 0;
        for (const seq of command.nonPositionSeqs) {
          if (seq <= start || seq > command.finalSeq) continue;
          expected++;
          if (c.received.has(seq)) delivered++;
          else missing++;
        }
        if (missing) clientsMissing++;
      }
      return {
        expected,
        delivered,
        clientsMissing,
        snapshotsInsteadOfReplay: resumeClients.reduce((n, c) => n + c.snapshotsAfterStart, 0),
        refused: resumeClients.filter((c) => c.refusal !== null).length,
        drops: resumeClients.reduce((n, c) => n + c.drops, 0),
        replayMs: resumeClients.flatMap((c) => c.replayMs),
      } satisfies ResumeReport;
    }
    case 'restartMark':
      for (const c of resumeClients) {
        c.restartMark = true;
        c.resyncedAt = null;
      }
      return null;
    case 'restartReport': {
      const until = nowMs() + command.timeoutMs;
      while (resumeClients.some((c) => c.resyncedAt === null || (c.lastSeq ?? 0) < command.finalSeq) && nowMs() < until) await sleep(20);
      return {
        clients: resumeClients.length,
        resyncMs: resumeClients.map((c) => (c.resyncedAt === null ? null : c.resyncedAt - command.upAt)),
      } satisfies RestartReport;
    }
    case 'failoverConnect': {
      const { urls, cookies } = command;
      failoverClients = Array.from({ length: command.n }, (_, i) => new FailoverLightClient(urls, cookies[i % cookies.length]!, i % urls.length, command.lastSeq));
      await inBatches(command.n, (i) => failoverClients[i]!.start());
      return { connected: failoverClients.length };
    }
    case 'failoverReport': {
      const until = nowMs() + command.timeoutMs;
      while (failoverClients.some((c) => c.seen.lastSeq < command.finalSeq) && nowMs() < until) await sleep(20);
      return failoverClients.map((c) => ({ ...c.seen })) satisfies FailoverSeen[];
    }
  }
}

serve(handle);
