import type { Delta, OfficerView } from '../../protocol/index.js';
import type { Counters } from './load/protocol.js';
import { startLoadGen } from './load/rpc.js';
import { broadcastDeltas, startOurs } from './ours.js';
import { profiled } from './profile.js';
import { fmt, row, verdict, type MeasureResult } from './result.js';
import { median } from './stats.js';
import { cpuMicros, sleep } from './time.js';
import { FactStream, nationalReference } from './world.js';

export interface PositionsOptions {
  officers: number;
  clients: number;
  ticks: number;
  /** Officers emitted one by one for the baseline (its cost per update is linear). */
  naiveSample: number;
}

export const POSITIONS_FULL: PositionsOptions = { officers: 1500, clients: 1000, ticks: 5, naiveSample: 300 };

/**
 * 1 Hz position ticks of every officer, through the real path (one `officers.moved` fact →
 * validate, store, project, one broadcast), to thin Socket.IO clients that count wire bytes.
 * Baseline: the naive design, one emit per officer carrying that officer's view.
 */
export async function positions(o: PositionsOptions = POSITIONS_FULL): Promise<MeasureResult> {
  const reference = nationalReference(250, o.officers);
  const ours = await startOurs({ reference });
  const gen = startLoadGen();
  const cpuPerTick: number[] = [];
  const bytesPerOfficer: number[] = [];
  let naiveCpu = 0;
  let naiveBytes = 0;
  try {
    const stream = new FactStream(reference, 3);
    for (const b of stream.onDutyBatches()) await ours.ingest(b);
    // Thin clients (national duty managers) join at the current seq: no snapshot, straight into their scope's room.
    await gen.call({ cmd: 'connect', kind: 'light', url: ours.url, n: o.clients, lastSeq: ours.app.engine.seq, cookie: ours.cookie });
    await profiled('positions-ours', async () => {
      for (let t = 0; t < o.ticks + 1; t++) {
        await gen.call({ cmd: 'reset' });
        const started = Date.now();
        const cpu0 = cpuMicros();
        await ours.ingest({ source: 'bench-gps', events: [stream.moved()] });
        const c = await gen.call<Counters>({ cmd: 'waitFor', frames: o.clients, timeoutMs: 20_000 });
        const cpu = cpuMicros() - cpu0;
        // The first tick warms up (JIT, buffers); it is not counted.
        if (t > 0) {
          cpuPerTick.push(cpu / o.officers);
          bytesPerOfficer.push(c.bytes / c.frames / o.officers);
        }
        await sleep(Math.max(0, 1000 - (Date.now() - started)));
      }
    });

    // Baseline: one emit per officer (the officer's whole view, as a one-officer delta).
    const officers = [...ours.app.engine.state.officers.values()].slice(0, o.naiveSample);
    const seq = ours.app.engine.seq;
    const view = (x: (typeof officers)[number]): OfficerView => ({
      id: x.id, role: x.role, region: x.region, status: x.status, lat: x.lat, lng: x.lng,
      suiteId: x.suiteId, etaAt: x.etaAt, statusSince: x.statusSince, move: x.move, positionAt: x.positionAt,
    });
    await gen.call({ cmd: 'reset' });
    const cpu0 = cpuMicros();
    for (const officer of officers) {
      const delta: Delta = { seq, at: Date.now(), actor: 'feed:bench-gps', source: 'bench-gps', type: 'officers.moved', patch: { officers: [view(officer)] } };
      broadcastDeltas(ours.app, [delta]);
    }
    const c = await gen.call<Counters>({ cmd: 'waitFor', frames: o.clients * officers.length, timeoutMs: 60_000 });
    naiveCpu = (cpuMicros() - cpu0) / officers.length;
    naiveBytes = c.bytes / c.frames;
    await gen.call({ cmd: 'closeAll' });
  } finally {
    await gen.stop();
    await ours.stop();
    ours.cleanup();
  }
  const bytes = median(bytesPerOfficer);
  const cpu = median(cpuPerTick);
  const less = naiveCpu / cpu;
  return {
    id: 3,
    title: 'Officer positions',
    setup:
      `${o.officers} officers (synthetic national roster) all moving once a second, ${o.ticks} ticks (after one warm-up) to ${o.clients} thin Socket.IO clients in a separate process, signed in as national duty managers. ` +
      `Bytes = WebSocket frame (header + Socket.IO payload) of the tick's \`sync:deltas\` ÷ officers. CPU = server-process CPU from ingest to the last client's receipt ÷ officers (medians). ` +
      `Baseline: one emit per officer with that officer's view, ${o.naiveSample} officers emitted back to back, CPU ÷ ${o.naiveSample}.`,
    rows: [
      row('wire bytes per officer update', `${fmt(bytes, 0)} B`, `${fmt(naiveBytes, 0)} B (one emit each)`, bytes / naiveBytes, '≤ 40 B', verdict(bytes <= 40)),
      row('server CPU per officer update', `${fmt(cpu, 1)} µs`, `${fmt(naiveCpu, 1)} µs`, cpu / naiveCpu, '≥ 20× less than one emit per officer', verdict(less >= 20)),
    ],
    notes: [`The batched path is ${fmt(less, 1)}× cheaper per update than one emit per officer.`],
  };
}
