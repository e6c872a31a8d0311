import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../../protocol/constants.js';

/**
 * A Socket.IO client reduced to what the wire needs (Engine.IO v4 over WebSocket): open the
 * namespace, say hello, answer pings, and count `sync:deltas` frames without parsing them. Used
 * where the bench needs many clients and the server's cost, not the client's, is measured.
 */
export interface LightHandlers {
  onDeltas(frame: Buffer, ws: WebSocket): void;
  /** Every hello reply (an ack frame; binary when it holds a packed snapshot), the first included. */
  onReply?(frame: Buffer, ws: WebSocket): void;
}

const DELTAS_PREFIX = Buffer.from('42["sync:deltas",');

/** WebSocket frame header bytes for an unmasked server → client frame of this payload size. */
export const frameHeader = (len: number): number => (len < 126 ? 2 : len < 65_536 ? 4 : 10);

/** A `sync:hello` packet asking for an ack with this id (a reply frame then starts `43<id>`). */
export const helloFrame = (lastSeq: number | null, ackId = 0): string =>
  `42${ackId}["sync:hello",${JSON.stringify({ protocolVersion: PROTOCOL_VERSION, lastSeq })}]`;

/** `cookie` is the session cookie (`nexus_session=<token>`) the handshake must carry. */
export function openLight(url: string, cookie: string, lastSeq: number | null, handlers: LightHandlers): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false, headers: { Cookie: cookie } });
  return new Promise((resolve, fail) => {
    const reject = (error: Error) => {
      ws.terminate();
      fail(error);
    };
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const c0 = data[0];
      if (c0 === 0x30) ws.send('40'); // Engine.IO open → connect to the "/" namespace
      else if (c0 === 0x32) ws.send('3'); // ping → pong
      else if (c0 === 0x34) {
        const c1 = data[1];
        if (c1 === 0x30) ws.send(helloFrame(lastSeq));
        else if (c1 === 0x34) reject(new Error(`namespace refused: ${data.toString('utf8', 2, 200)}`)); // e.g. {"message":"unauthenticated"}
        else if (c1 === 0x33 || c1 === 0x36) {
          // The hello's ack (binary when it holds a packed snapshot): in sync and in the scope's room, unless the server said no.
          if (data.toString('latin1', 0, 24).includes('"ok":false')) reject(new Error(`hello refused: ${data.toString('utf8', 0, 300)}`));
          else {
            handlers.onReply?.(data, ws);
            resolve(ws);
          }
        }
        else if (c1 === 0x32 && data.subarray(0, DELTAS_PREFIX.length).equals(DELTAS_PREFIX)) handlers.onDeltas(data, ws);
      }
    });
  });
}

const SEQ = /"seq":(\d+)/;
/** The first delta's seq, read from the start of the frame (a Delta's first key is `seq`). */
export function firstSeqOf(frame: Buffer): number | null {
  const m = SEQ.exec(frame.toString('latin1', 0, 80));
  return m ? Number(m[1]) : null;
}
