import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  AcknowledgeAlert,
  AssignOfficer,
  HandshakeAuth,
  Hello,
  PROTOCOL_VERSION,
  PublishHighHarm,
  RecordCheck,
  SetNonAttendanceReason,
  StartCheck,
  type Ack,
  type ClientToServer,
  type HelloReply,
  type ServerToClient,
} from '../../protocol/index.js';
import {
  activeAlerts,
  decideAcknowledge,
  decideAssign,
  decidePublishHighHarm,
  decideRecordCheck,
  decideSetReason,
  decideStartCheck,
  routeChecks,
  type AlertSettings,
  type Decision,
  type State,
} from '../domain/index.js';
import type { LiveEngine } from '../live/engine.js';
import type { Logger } from '../log.js';
import { invalid, safeAck } from './validate.js';

/** Clients join this room once they are in sync; deltas go only to them. */
export const LIVE_ROOM = 'live';

type NexusServer = Server<ClientToServer, ServerToClient>;
type NexusSocket = Socket<ClientToServer, ServerToClient>;
type CommandEvent = Exclude<keyof ClientToServer, 'sync:hello'>;

/**
 * Each command: its schema and the pure domain decision it leads to. Adding a client event to
 * the protocol without an entry here fails the build.
 */
type Commands = { [E in CommandEvent]: { schema: z.ZodType; decide: (cmd: never, state: State, now: number) => Decision } };
const commands = (alertSettings: AlertSettings | undefined): Commands => ({
  'officer:assign': { schema: AssignOfficer, decide: (cmd: AssignOfficer, state, now) => decideAssign(state, cmd, now) },
  'case:start-check': { schema: StartCheck, decide: (cmd: StartCheck, state) => decideStartCheck(state, cmd) },
  'case:record-check': { schema: RecordCheck, decide: (cmd: RecordCheck, state) => decideRecordCheck(state, cmd) },
  'non-attendance:set-reason': { schema: SetNonAttendanceReason, decide: (cmd: SetNonAttendanceReason, state) => decideSetReason(state, cmd) },
  'alert:acknowledge': {
    schema: AcknowledgeAlert,
    decide: (cmd: AcknowledgeAlert, state, now) => decideAcknowledge(cmd, activeAlerts(state, routeChecks(state, now), now, alertSettings)),
  },
  'high-harm:publish': {
    schema: PublishHighHarm,
    decide: (cmd: z.output<typeof PublishHighHarm>, state) => decidePublishHighHarm(state, cmd.definition, cmd.reason),
  },
});

/** Wires the socket events to the engine: parse → decide → store → ack; the engine's deltas → the room. */
export function registerSocketHandlers(io: NexusServer, engine: LiveEngine, log: Logger, alertSettings?: AlertSettings): () => void {
  const COMMANDS = commands(alertSettings);
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
      if (reply.mode === 'deltas') socket.emit('live:derived', engine.derived());
    });

    for (const [event, { schema, decide }] of Object.entries(COMMANDS) as [CommandEvent, (typeof COMMANDS)[CommandEvent]][]) {
      socket.on(event, async (raw: unknown, rawAck: unknown) => {
        const ack = safeAck<{ seq: number }>(rawAck);
        const command = schema.safeParse(raw);
        if (!command.success) return ack(invalid(command.error));
        const result: Ack<{ seq: number }> = await engine.execute((state, now) => decide(command.data as never, state, now), actor);
        log.info(event, { actor, address, result: result.ok ? 'accepted' : result.error.code, seq: result.ok ? result.data.seq : null, ...subjectOf(command.data) });
        ack(result);
      });
    }
  });
  return engine.subscribe((deltas) => io.to(LIVE_ROOM).emit('sync:deltas', [...deltas]));
}

/** The ids a command names, for the log line (never free text). */
function subjectOf(command: unknown): Record<string, string> {
  const c = command as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const key of ['officerId', 'suiteId', 'custodyRef', 'alertId'] as const) if (typeof c[key] === 'string') fields[key] = c[key];
  return fields;
}

/** Who is acting: the call sign the operator gives, until sign-in replaces it. The log adds the address. */
function actorOf(socket: NexusSocket): string {
  const auth = HandshakeAuth.safeParse(socket.handshake.auth ?? {});
  return (auth.success && auth.data.operator) || 'unnamed operator';
}
