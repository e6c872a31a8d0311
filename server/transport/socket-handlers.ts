import type { Server, Socket } from 'socket.io';
import {
  AssignOfficer,
  HandshakeAuth,
  Hello,
  PROTOCOL_VERSION,
  type ClientToServer,
  type HelloReply,
  type ServerToClient,
} from '../../protocol/index.js';
import type { LiveEngine } from '../live/engine.js';
import type { Logger } from '../log.js';
import { invalid, safeAck } from './validate.js';

/** Clients join this room once they are in sync; deltas go only to them. */
export const LIVE_ROOM = 'live';

type NexusServer = Server<ClientToServer, ServerToClient>;
type NexusSocket = Socket<ClientToServer, ServerToClient>;

/** Wires the socket events to the engine: parse → engine → ack; the engine's deltas → the room. */
export function registerSocketHandlers(io: NexusServer, engine: LiveEngine, log: Logger): () => void {
  io.on('connection', (socket) => {
    const actor = actorOf(socket);
    const address = socket.handshake.address;

    socket.on('sync:hello', (raw: unknown, rawAck: unknown) => {
      const ack = safeAck<HelloReply>(rawAck);
      const hello = Hello.safeParse(raw);
      if (!hello.success) return ack(invalid(hello.error));
      if (hello.data.protocolVersion !== PROTOCOL_VERSION) {
        const message = `This server speaks protocol ${PROTOCOL_VERSION}; reload the page.`;
        return ack({ ok: false, error: { code: 'protocol_mismatch', message } });
      }
      // Reply and join in the same tick: the first broadcast this socket sees follows the reply.
      const reply = engine.resume(hello.data.lastSeq);
      void socket.join(LIVE_ROOM);
      ack({ ok: true, data: reply });
    });

    socket.on('officer:assign', async (raw: unknown, rawAck: unknown) => {
      const ack = safeAck<{ seq: number }>(rawAck);
      const command = AssignOfficer.safeParse(raw);
      if (!command.success) return ack(invalid(command.error));
      const result = await engine.assign(command.data, actor);
      log.info('officer.assign', {
        actor,
        address,
        officerId: command.data.officerId,
        suiteId: command.data.suiteId,
        result: result.ok ? 'accepted' : result.error.code,
        seq: result.ok ? result.data.seq : null,
      });
      ack(result);
    });
  });
  return engine.subscribe((deltas) => io.to(LIVE_ROOM).emit('sync:deltas', [...deltas]));
}

/** Who is acting: the call sign the operator gives, until sign-in replaces it. The log adds the address. */
function actorOf(socket: NexusSocket): string {
  const auth = HandshakeAuth.safeParse(socket.handshake.auth ?? {});
  return (auth.success && auth.data.operator) || 'unnamed operator';
}
