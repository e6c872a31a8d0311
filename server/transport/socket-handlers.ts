import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  AcceptRecommendation,
  AcknowledgeAlert,
  AcknowledgeMove,
  AssignOfficer,
  CannotAttend,
  Hello,
  PROTOCOL_VERSION,
  PublishHighHarm,
  RecordCheck,
  ReleaseCheck,
  ReportArrival,
  SetAvailability,
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
  decideAcknowledgeMove,
  decideArrive,
  decideAssign,
  decideCannotAttend,
  decidePublishHighHarm,
  decideRecordCheck,
  decideReleaseCheck,
  decideSetAvailability,
  decideSetReason,
  decideStartCheck,
  routeChecks,
  recommendMoves,
  type Checker,
  type Decision,
  type State,
} from '../domain/index.js';
import type { EdgeContext } from '../security/context.js';
import { writeGuardOf, type Principal } from '../security/principal.js';
import type { EncodedJson } from './encoded-json.js';
import type { ScopedBroadcast } from './scoped-broadcast.js';
import { internalError, invalid, safeAck } from './validate.js';

type NexusServer = Server<ClientToServer, ServerToClient>;
type NexusSocket = Socket<ClientToServer, ServerToClient>;
type CommandEvent = Exclude<keyof ClientToServer, 'sync:hello'>;
/** Who sent an event: read from the socket when it arrives. */
interface Sender {
  socket: NexusSocket;
  principal: Principal;
  actor: string;
  address: string;
}
type SocketListener = (this: NexusSocket, raw: unknown, rawAck: unknown) => Promise<void>;

/**
 * Each command: its schema and the pure domain decision it leads to. Adding a client event to
 * the protocol without an entry here fails the build. Which regions, officers and cases a command
 * may touch is not said here: the facts it decides are checked against the sender (their regions;
 * an officer's own call sign and suite) inside the write queue (server/domain/write-scope.ts),
 * from what the event registry says each fact touches.
 */
interface Command {
  schema: z.ZodType;
  decide: (cmd: never, state: State, now: number, who: Principal) => Decision;
}

/** A CCU operator checks remotely as themselves; an officer face to face as their call sign. */
const checkerOf = (who: Principal): Checker => ({ name: who.name, officerId: who.role === 'officer' ? who.callSign : null });
type Commands = { [E in CommandEvent]: Command };
const commands = (alertSettings: EdgeContext['config']['alerts']): Commands => ({
  'officer:assign': {
    schema: AssignOfficer,
    decide: (cmd: AssignOfficer, state, now) => decideAssign(state, cmd, now),
  },
  'case:start-check': {
    schema: StartCheck,
    decide: (cmd: StartCheck, state, _now, who) => decideStartCheck(state, cmd, checkerOf(who)),
  },
  'case:record-check': {
    schema: RecordCheck,
    decide: (cmd: RecordCheck, state, _now, who) => decideRecordCheck(state, cmd, checkerOf(who)),
  },
  'case:release-check': {
    schema: ReleaseCheck,
    decide: (cmd: ReleaseCheck, state) => decideReleaseCheck(state, cmd),
  },
  'case:cannot-attend': {
    schema: CannotAttend,
    decide: (cmd: CannotAttend, state) => decideCannotAttend(state, cmd),
  },
  'officer:acknowledge': {
    schema: AcknowledgeMove,
    decide: (cmd: AcknowledgeMove, state) => decideAcknowledgeMove(state, cmd),
  },
  'officer:arrive': {
    schema: ReportArrival,
    decide: (cmd: ReportArrival, state) => decideArrive(state, cmd),
  },
  'officer:set-status': {
    schema: SetAvailability,
    decide: (cmd: SetAvailability, state) => decideSetAvailability(state, cmd),
  },
  'non-attendance:set-reason': {
    schema: SetNonAttendanceReason,
    decide: (cmd: SetNonAttendanceReason, state) => decideSetReason(state, cmd),
  },
  'alert:acknowledge': {
    schema: AcknowledgeAlert,
    decide: (cmd: AcknowledgeAlert, state, now) => decideAcknowledge(cmd, activeAlerts(state, routeChecks(state, now), now, alertSettings)),
  },
  'recommendation:accept': {
    schema: AcceptRecommendation,
    decide: (cmd: AcceptRecommendation, state, now) => {
      // Only advice that still stands can be accepted: the state may have moved on since it was shown.
      const advice = recommendMoves(state, now).find((r) => r.officerId === cmd.officerId && r.toSuiteId === cmd.suiteId);
      if (!advice) return { ok: false, rejection: { code: 'impossible_transition', message: 'That move is no longer recommended; refresh the list.' } };
      return decideAssign(state, { officerId: cmd.officerId, suiteId: cmd.suiteId, reason: `Accepted recommendation: ${advice.explanation}`.slice(0, 200) }, now, true);
    },
  },
  'high-harm:publish': {
    schema: PublishHighHarm,
    decide: (cmd: z.output<typeof PublishHighHarm>, state) => decidePublishHighHarm(state, cmd.definition, cmd.reason),
  },
});

/**
 * Wires the socket events to the engine: parse → decide and store (checked against the sender's
 * regions inside the write queue) → ack, and the engine's deltas to each scope's room. The guard
 * (socket-guard.ts) has already checked who may send what. Every handler answers: a failure
 * becomes a generic error with a reference that is also logged, never a dead process.
 */
export function registerSocketHandlers(io: NexusServer, ctx: EdgeContext, live: ScopedBroadcast): () => void {
  const { engine, log, audit } = ctx;
  const COMMANDS = commands(ctx.config.alerts);
  // Made once for the server, not once per socket (an idle screen would hold a closure for each
  // event): Node calls a listener with its socket as `this`, where the principal is (decision 68).
  const listeners: [string, SocketListener][] = [];
  {
    const answering = <T>(event: string, handle: (from: Sender, raw: unknown, ack: (reply: Ack<T>) => void) => Promise<void> | void): SocketListener =>
      async function (this: NexusSocket, raw: unknown, rawAck: unknown) {
        const ack = safeAck<T>(rawAck);
        const principal = this.data.principal as Principal;
        try {
          await handle({ socket: this, principal, actor: principal.name, address: this.handshake.address }, raw, ack);
        } catch (error) {
          ack(internalError(log, error, { event, actor: principal.name }));
        }
      };

    listeners.push([
      'sync:hello',
      // Answered with the reply as JSON text (EncodedJson, hello-reply.ts): the wire carries a HelloReply.
      answering<HelloReply | EncodedJson>('sync:hello', async ({ socket, principal }, raw, ack) => {
        const hello = Hello.safeParse(raw);
        if (!hello.success) return ack(invalid(hello.error));
        if (hello.data.protocolVersion !== PROTOCOL_VERSION) {
          const message = `This server speaks protocol ${PROTOCOL_VERSION}; reload the page.`;
          return ack({ ok: false, error: { code: 'protocol_mismatch', message } });
        }
        // A screen that has seen more of the log than this node (it was on another) waits for us to catch up.
        if (hello.data.lastSeq !== null && hello.data.lastSeq > engine.seq) await engine.follow();
        live.join(socket, principal, hello.data.lastSeq, hello.data.derived, (reply) => ack({ ok: true, data: reply }));
      }),
    ]);

    for (const [event, { schema, decide }] of Object.entries(COMMANDS) as [CommandEvent, Command][]) {
      listeners.push([
        event,
        answering<{ seq: number }>(event, async ({ principal, actor, address }, raw, ack) => {
          const command = schema.safeParse(raw);
          if (!command.success) {
            void audit.security('malformed_command', address, { event, who: actor });
            return ack(invalid(command.error));
          }
          const subject = subjectOf(command.data);
          // An officer names whom a command is for: another call sign is refused before anything is
          // decided, so the answer never describes someone else's state (the write guard checks again).
          const result =
            principal.role === 'officer' && subject.officerId !== undefined && subject.officerId !== principal.callSign
              ? ({ ok: false, error: { code: 'forbidden', message: `You act for ${principal.callSign ?? 'no call sign'}, not for ${subject.officerId}.` } } as const)
              : await engine.execute((state, now) => decide(command.data as never, state, now, principal), actor, writeGuardOf(principal));
          const outcome = result.ok ? 'accepted' : result.error.code;
          // The command is in the log (with its actor) once accepted; the reply must not wait on, or
          // be lost to, a failed audit write.
          ack(result);
          await audit.recordOrLog(principal, outcome === 'forbidden' ? 'denied' : event, outcome === 'forbidden' ? event : null, { ...subject, result: outcome }, address);
          log.info(event, { actor, address, result: outcome, seq: result.ok ? result.data.seq : null, ...subject });
        }),
      ]);
    }
  }
  io.on('connection', (socket) => {
    for (const [event, listener] of listeners) socket.on(event as 'sync:hello', listener);
  });
  return engine.subscribe((deltas) => live.deltas(deltas));
}

/** The ids a command names, for the log line (never free text). */
function subjectOf(command: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof command !== 'object' || command === null) return fields;
  for (const key of ['officerId', 'suiteId', 'custodyRef', 'alertId'] as const) {
    const value: unknown = Object.hasOwn(command, key) ? (command as Record<string, unknown>)[key] : undefined;
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}
