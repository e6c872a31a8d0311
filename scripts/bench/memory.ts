import { startLoadGen } from './load/rpc.js';
import { startOurs } from './ours.js';
import { startRawWs } from './raw-ws-server.js';
import { fmt, row, verdict, type MeasureResult } from './result.js';
import { fullGc, sleep } from './time.js';
import { realReference } from './world.js';

export interface MemoryOptions {
  clients: number;
}

export const MEMORY_FULL: MemoryOptions = { clients: 5000 };

interface Footprint {
  heapPerClient: number;
}

/** Heap after a full GC, with and without `n` idle clients connected (from a separate process). */
async function footprint(connect: () => Promise<void>, disconnect: () => Promise<void>, n: number): Promise<Footprint> {
  await sleep(200);
  fullGc();
  const before = process.memoryUsage();
  await connect();
  await sleep(1000); // let handshake garbage settle before collecting it
  fullGc();
  const after = process.memoryUsage();
  await disconnect();
  return { heapPerClient: (after.heapUsed - before.heapUsed) / n };
}

/**
 * Idle dashboards cost memory for as long as the wall display is on. Ours: Socket.IO connections
 * signed in as national duty managers, that said hello (at the current seq, so no snapshot) and sit
 * in their scope's room. Baseline: plain
 * ws connections to a plain ws server, in the same process.
 */
export async function memory(o: MemoryOptions = MEMORY_FULL): Promise<MeasureResult> {
  const gen = startLoadGen();
  let ours: Footprint;
  let raw: Footprint;
  try {
    const server = await startOurs({ reference: realReference() });
    try {
      // One session a client, made before the first heap reading.
      const cookies = await server.sessions(o.clients);
      ours = await footprint(
        async () => {
          await gen.call({ cmd: 'connect', kind: 'light', url: server.url, n: o.clients, lastSeq: server.app.engine.seq, cookies });
          const live = server.app.io.of('/').sockets.size;
          if (live < o.clients) throw new Error(`only ${live} of ${o.clients} clients connected`);
        },
        async () => void (await gen.call({ cmd: 'closeAll' })),
        o.clients,
      );
    } finally {
      await server.stop();
      server.cleanup();
    }
    const plain = await startRawWs();
    try {
      raw = await footprint(
        async () => {
          await gen.call({ cmd: 'connect', kind: 'ws', url: plain.url, n: o.clients, full: 0 });
          if (plain.clients() < o.clients) throw new Error(`only ${plain.clients()} of ${o.clients} raw clients connected`);
        },
        async () => void (await gen.call({ cmd: 'closeAll' })),
        o.clients,
      );
    } finally {
      await plain.close();
    }
  } finally {
    await gen.stop();
  }
  const ratio = ours.heapPerClient / raw.heapPerClient;
  const kb = (x: number) => `${fmt(x / 1024, 1)} KB`;
  return {
    id: 7,
    title: 'Memory per idle client',
    setup:
      `${fmt(o.clients, 0)} idle connections from a separate process; V8 heap used after a full GC (--expose-gc), with minus without, ÷ clients. ` +
      `Ours: Socket.IO WebSocket connections, each with a session of its own (national duty manager), that said hello and joined their scope's room (each also holds its signed-in principal). Baseline: plain ws connections to a plain ws server in the same process.`,
    rows: [
      row('heap per idle client', kb(ours.heapPerClient), kb(raw.heapPerClient), ratio, '≤ 1.3× plain ws', verdict(ratio <= 1.3)),
    ],
  };
}
