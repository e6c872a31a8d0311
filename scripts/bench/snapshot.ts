import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../protocol/constants.js';
import { startOurs } from './ours.js';
import { profiled } from './profile.js';
import { startRawWs } from './raw-ws-server.js';
import { fmt, row, verdict, type MeasureResult } from './result.js';
import { median } from './stats.js';
import { nowMs } from './time.js';
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
  let oursMs: number[] = [];
  let buildMs: number[] = [];
  let payload = '';
  try {
    const stream = new FactStream(reference, 5, 'S');
    for (const b of stream.onDutyBatches()) await ours.ingest(b);
    for (let n = 0; n < o.cases; n += 500) await ours.ingest({ source: 'bench-custody', events: Array.from({ length: Math.min(500, o.cases - n) }, () => stream.arrest()) });
    await ours.ingest({ source: 'bench-gps', events: [stream.moved()] });
    const engine = ours.app.engine;
    buildMs = await profiled('snapshot-build', async () =>
      repeat(o.repeats, () => {
        const t0 = nowMs();
        engine.resume(null);
        return nowMs() - t0;
      }),
    );
    const ws = await sioSocket(ours.url, ours.cookie);
    oursMs = [];
    for (let i = 0; i < o.repeats + 1; i++) {
      const t0 = nowMs();
      ws.send(`421["sync:hello",${JSON.stringify({ protocolVersion: PROTOCOL_VERSION, lastSeq: null })}]`);
      const frame = await nextFrame(ws, '431');
      if (!frame.startsWith('431[{"ok":true')) throw new Error(`hello refused: ${frame.slice(0, 300)}`);
      if (i > 0) oursMs.push(nowMs() - t0);
      payload = frame;
    }
    ws.terminate();
  } finally {
    await ours.stop();
    ours.cleanup();
  }

  // Baseline: the same bytes, pre-encoded, sent on request by a plain ws server.
  const raw = await startRawWs();
  const rawMs: number[] = [];
  try {
    const bytes = Buffer.from(payload);
    const ws = new WebSocket(raw.url, { perMessageDeflate: false });
    await new Promise<void>((done, fail) => ws.once('open', () => done()).once('error', fail));
    for (let i = 0; i < o.repeats + 1; i++) {
      const t0 = nowMs();
      const got = new Promise<void>((done) => ws.once('message', () => done()));
      raw.broadcast(bytes);
      await got;
      if (i > 0) rawMs.push(nowMs() - t0);
    }
    ws.terminate();
  } finally {
    await raw.close();
  }
  const wire = Buffer.byteLength(payload);
  const gz = gzipSync(payload).length;
  const ms = median(oursMs);
  const rawMedian = median(rawMs);
  return {
    id: 5,
    title: 'Snapshot',
    setup:
      `${o.suites} suites, ${o.officers} officers on duty and ${fmt(o.cases, 0)} open cases, built by feeding the facts through ingest. ` +
      `Time = hello sent → whole reply received on one WebSocket client in the bench process (loopback), median of ${o.repeats}; the server's share of it is build + encode + write. ` +
      `Baseline: a plain ws server sending the same reply bytes, already encoded. Compressed size = gzip (level 6) of the reply; Socket.IO's per-message deflate is off by default, so the wire carries the uncompressed size.`,
    rows: [
      row('build and send the snapshot', `${fmt(ms, 1)} ms`, `${fmt(rawMedian, 1)} ms (send only)`, ms / rawMedian, '≤ 20 ms', verdict(ms <= 20)),
      row('of which engine.resume (build)', `${fmt(median(buildMs), 1)} ms`, '—', null, '—', 'INFO'),
      row('compressed size (gzip)', `${fmt(gz / 1024, 0)} KB`, `${fmt(wire / 1024, 0)} KB uncompressed`, gz / wire, '≤ 150 KB', verdict(gz <= 150 * 1024)),
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

function nextFrame(ws: WebSocket, prefix: string): Promise<string> {
  return new Promise((done) => {
    const on = (data: Buffer) => {
      if (data.toString('latin1', 0, prefix.length) !== prefix) return;
      ws.off('message', on);
      done(data.toString());
    };
    ws.on('message', on);
  });
}
