import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../protocol/constants.js';
import { startOurs } from './ours.js';
import { profiled } from './profile.js';
import { startRawWs } from './raw-ws-server.js';
import { fmt, row, verdict, type MeasureResult } from './result.js';
import { median } from './stats.js';
import { nowMs, sleep } from './time.js';

/** Longer than a scope's last packed snapshot may serve a hello with the deltas since (server/transport/snapshot-packer.ts). */
const BASE_TOO_OLD_MS = 2_100;
import { FactStream, nationalReference } from './world.js';

export interface SnapshotOptions {
  suites: number;
  officers: number;
  cases: number;
  repeats: number;
}

export const SNAPSHOT_FULL: SnapshotOptions = { suites: 250, officers: 1500, cases: 10_000, repeats: 7 };

/**
 * The national picture: a dashboard says hello with no lastSeq and gets the whole state.
 * Ours: one WebSocket speaking Socket.IO sends the hello and times the reply (server builds the
 * snapshot, encodes the ack, writes it; loopback). Baseline: a plain ws server sending the same
 * bytes, already encoded, on request. Sizes: the reply as sent, and gzipped.
 */
export async function snapshot(o: SnapshotOptions = SNAPSHOT_FULL): Promise<MeasureResult> {
  const reference = nationalReference(o.suites, o.officers);
  const ours = await startOurs({ reference });
  let coldMs: number[] = [];
  let warmMs: number[] = [];
  let flowingMs: number[] = [];
  let buildMs: number[] = [];
  let reply: Reply = { header: '', gzip: Buffer.alloc(0) };
  let rowsJson = 0;
  try {
    const stream = new FactStream(reference, 5, 'S');
    for (const b of stream.onDutyBatches()) await ours.ingest(b);
    for (let n = 0; n < o.cases; n += 500) await ours.ingest({ source: 'bench-custody', events: Array.from({ length: Math.min(500, o.cases - n) }, () => stream.arrest()) });
    await ours.ingest({ source: 'bench-gps', events: [stream.moved()] });
    const engine = ours.app.engine;
    buildMs = await profiled('snapshot-build', async () =>
      repeat(o.repeats, () => {
        const t0 = nowMs();
        engine.snapshot();
        return nowMs() - t0;
      }),
    );
    rowsJson = Buffer.byteLength(JSON.stringify(engine.snapshot()));
    const ws = await sioSocket(ours.url, ours.cookie);
    const hello = async () => {
      const t0 = nowMs();
      reply = await helloReply(ws);
      return nowMs() - t0;
    };
    await hello(); // warm-up
    // Cold: something happened since the last hello, and the scope's last packed snapshot is too old to
    // serve with the deltas since (over 2 s), so the snapshot is built and packed afresh (from the parts
    // the scope kept that did not change: decision 67).
    coldMs = await profiled('snapshot-send', async () => {
      const times: number[] = [];
      for (let i = 0; i < o.repeats; i++) {
        await ours.ingest({ source: 'bench-gps', events: [stream.moved(5)] });
        await sleep(BASE_TOO_OLD_MS);
        times.push(await hello());
      }
      return times;
    });
    // While facts flow: a fact before each hello, hellos close together, so each is served the scope's
    // last packed snapshot (under 2 s old) plus the deltas since; a newer one is packed after, once a second.
    flowingMs = await profiled('snapshot-flowing', async () => {
      const times: number[] = [];
      for (let i = 0; i < o.repeats; i++) {
        await ours.ingest({ source: 'bench-gps', events: [stream.moved(5)] });
        times.push(await hello());
        await sleep(150);
      }
      return times;
    });
    // Warm: nothing happened, so every screen asking now gets the same packed bytes.
    warmMs = [];
    for (let i = 0; i < o.repeats; i++) warmMs.push(await hello());
    ws.terminate();
  } finally {
    await ours.stop();
    ours.cleanup();
  }

  // Baseline: the same bytes, pre-encoded, sent on request by a plain ws server.
  const raw = await startRawWs();
  const rawMs: number[] = [];
  try {
    const ws = new WebSocket(raw.url, { perMessageDeflate: false });
    await new Promise<void>((done, fail) => ws.once('open', () => done()).once('error', fail));
    for (let i = 0; i < o.repeats + 1; i++) {
      const t0 = nowMs();
      const got = new Promise<void>((done) => ws.once('message', () => done()));
      raw.broadcast(reply.gzip);
      await got;
      if (i > 0) rawMs.push(nowMs() - t0);
    }
    ws.terminate();
  } finally {
    await raw.close();
  }
  const wire = Buffer.byteLength(reply.header) + reply.gzip.length;
  const cold = median(coldMs);
  const warm = median(warmMs);
  const flowing = median(flowingMs);
  const rawMedian = median(rawMs);
  return {
    id: 5,
    title: 'Snapshot',
    setup:
      `${o.suites} suites, ${o.officers} officers on duty and ${fmt(o.cases, 0)} open cases, built by feeding the facts through ingest. ` +
      `Time = hello sent → whole reply received on one WebSocket client in the bench process (loopback), median of ${o.repeats}; the server's share of it is build + encode + gzip + write. ` +
      `"Cold": one fact is ingested before each hello, then ${BASE_TOO_OLD_MS / 1000} s pass, so the scope's last packed snapshot is too old to serve with the deltas since and the snapshot is built and packed afresh, re-encoding and compressing only the parts that changed (decision 67); ` +
      `"while facts flow": one fact before each hello, hellos 150 ms apart, each served the scope's last packed snapshot (under 2 s old) and the deltas after it, a newer one packed after the reply at most once a second (decision 59); ` +
      `"warm": hellos at the same sequence number, served the packed bytes already made (as after a restart, when every screen asks at once). ` +
      `The reply carries the snapshot packed: cases and officers as chunks of columns, gzipped (level 6, parts compressed on libuv's thread pool and kept) and sent as a binary attachment; wire size is what crosses the network. ` +
      `Baseline: a plain ws server sending the same packed bytes, already made.`,
    rows: [
      row('build and send the snapshot (cold)', `${fmt(cold, 1)} ms`, `${fmt(rawMedian, 1)} ms (send only)`, cold / rawMedian, '≤ 20 ms', verdict(cold <= 20)),
      row('hello while facts flow: last packed snapshot + the deltas since', `${fmt(flowing, 1)} ms`, `${fmt(rawMedian, 1)} ms (send only)`, flowing / rawMedian, '≤ 20 ms', verdict(flowing <= 20)),
      row('build and send the snapshot (warm)', `${fmt(warm, 1)} ms`, `${fmt(rawMedian, 1)} ms (send only)`, warm / rawMedian, '≤ 20 ms', 'INFO'),
      row('of which building the snapshot (engine.snapshot)', `${fmt(median(buildMs), 1)} ms`, '—', null, '—', 'INFO'),
      row('size on the wire (compressed)', `${fmt(wire / 1024, 0)} KB`, `${fmt(rowsJson / 1024, 0)} KB as plain JSON rows`, wire / rowsJson, '≤ 150 KB', verdict(wire <= 150 * 1024)),
    ],
  };
}

function repeat(n: number, f: () => number): number[] {
  f(); // warm-up
  return Array.from({ length: n }, f);
}

/** A WebSocket, signed in by its cookie, that has opened the Socket.IO namespace (Engine.IO v4 wire protocol). */
function sioSocket(url: string, cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false, headers: { Cookie: cookie } });
  ws.on('message', (data: Buffer) => {
    if (data[0] === 0x32 && data.length === 1) ws.send('3');
  });
  return new Promise((done, fail) => {
    ws.once('error', fail);
    ws.once('message', () => ws.send('40'));
    const onNs = (data: Buffer) => {
      const head = data.toString('latin1', 0, 2);
      if (head === '44') fail(new Error(`namespace refused: ${data.toString('utf8', 2, 200)}`)); // e.g. unauthenticated
      if (head === '40') {
        ws.off('message', onNs);
        done(ws);
      }
    };
    ws.on('message', onNs);
  });
}

interface Reply {
  /** The Socket.IO binary-ack header frame (JSON with a placeholder for the attachment). */
  header: string;
  /** The attachment: the packed snapshot's gzip bytes. */
  gzip: Buffer;
}

/** Sends a hello and resolves with its ack: a text header frame, then one binary frame. */
function helloReply(ws: WebSocket): Promise<Reply> {
  ws.send(`421["sync:hello",${JSON.stringify({ protocolVersion: PROTOCOL_VERSION, lastSeq: null })}]`);
  return new Promise((done, fail) => {
    let header: string | null = null;
    const on = (data: Buffer, isBinary: boolean) => {
      if (header === null) {
        const text = data.toString();
        if (text.startsWith('431')) fail(new Error(`hello answered without a packed snapshot: ${text.slice(0, 300)}`));
        if (text.startsWith('461-1')) header = text;
        return;
      }
      if (!isBinary) return;
      ws.off('message', on);
      done({ header, gzip: data });
    };
    ws.on('message', on);
  });
}
