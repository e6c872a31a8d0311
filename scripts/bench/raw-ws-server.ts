import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { nowMs } from './time.js';

export interface RawWs {
  url: string;
  clients: () => number;
  /** When each broadcast started, by the first seq it carries (as for ours). */
  emitAt: Map<number, number>;
  /** Sends one pre-encoded buffer to every client: the floor for a broadcast. */
  broadcast(data: Buffer | string, firstSeq?: number): void;
  close(): Promise<void>;
}

/** The baseline: a plain `ws` server, no rooms, no framing, no acks; same host and process. */
export async function startRawWs(): Promise<RawWs> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const port = (http.address() as AddressInfo).port;
  const emitAt = new Map<number, number>();
  return {
    url: `ws://127.0.0.1:${port}`,
    clients: () => sockets.size,
    emitAt,
    broadcast: (data, firstSeq) => {
      if (firstSeq !== undefined) emitAt.set(firstSeq, nowMs());
      for (const ws of sockets) ws.send(data);
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      await new Promise<void>((done) => http.close(() => done()));
    },
  };
}
