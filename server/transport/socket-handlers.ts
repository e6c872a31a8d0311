import type { Server } from 'socket.io';
import type { z } from 'zod';
import {
  AcceptRecommendation,
  AcknowledgeAlert,
  AssignOfficer,
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
  findCase,
  recommendMoves,
  type Decision,
  type State,
} from '../domain/index.js';
import type { EdgeContext } from '../security/context.js';
import { coversRegion, type Principal } from '../security/principal.js';
import { scopeFor } from '../security/views.js';
import type { ScopedBroadcast } from './scoped-broadcast.js';
import { invalid, safeAck } from './validate.js';

type NexusServer = Server<ClientToServer, ServerToClient>;
type CommandEvent = Exclude<keyof ClientToServer, 'sync:hello'>;

/**
 * Each command: its schema and the pure domain decision it leads to. Adding a client event to
 * the protocol without an entry here fails the build.
 */
interface Command {
  schema: z.ZodType;
  decide: (cmd: never, state: State, now: number) => Decision;
  /** The regions a command touches, so a regional role can act only within its own. */
  regions: (cmd: never, state: State) => (string | undefined)[];
}
type Commands = { [E in CommandEvent]: Command };
const caseRegion = (state: State, ref: string) => findCase(state, ref)?.region;
const commands = (alertSettings: EdgeContext['config']['alerts']): Commands => ({
  'officer:assign': {
    schema: AssignOfficer,
    decide: (cmd: AssignOfficer, state, now) => decideAssign(state, cmd, now),
    regions: (cmd: AssignOfficer, state) => [state.officers.get(cmd.officerId)?.region, state.suites.get(cmd.suiteId)?.region],
  },
  'case:start-check': {
    schema: StartCheck,
    decide: (cmd: StartCheck, state) => decideStartCheck(state, cmd),
    regions: (cmd: StartCheck, state) => [caseRegion(state, cmd.custodyRef)],
  },
  'case:record-check': {
    schema: RecordCheck,
    decide: (cmd: RecordCheck, state) => decideRecordCheck(state, cmd),
    regions: (cmd: RecordCheck, state) => [caseRegion(state, cmd.custodyRef)],
  },
  'non-attendance:set-reason': {
    schema: SetNonAttendanceReason,
    decide: (cmd: SetNonAttendanceReason, state) => decideSetReason(state, cmd),
    regions: (cmd: SetNonAttendanceReason, state) => [caseRegion(state, cmd.custodyRef)],
  },
  'alert:acknowledge': {
    schema: AcknowledgeAlert,
    decide: (cmd: AcknowledgeAlert, state, now) => decideAcknowledge(cmd, activeAlerts(state, routeChecks(state, now), now, alertSettings)),
    regions: (cmd: AcknowledgeAlert, state) => {
      const subject = cmd.alertId.slice(cmd.alertId.indexOf(':') + 1);
      return [state.suites.get(subject)?.region ?? caseRegion(state, subject)];
    },
  },
  'recommendation:accept': {
    schema: AcceptRecommendation,
    decide: (cmd: AcceptRecommendation, state, now) => {
      // Only advice that still stands can be accepted: the state may have moved on since it was shown.
      const advice = recommendMoves(state, now).find((r) => r.officerId === cmd.officerId && r.toSuiteId === cmd.suiteId);
      if (!advice) return { ok: false, rejection: { code: 'impossible_transition', message: 'That move is no longer recommended; refresh the list.' } };
      return decideAssign(state, { officerId: cmd.officerId, suiteId: cmd.suiteId, reason: `Accepted recommendation: ${advice.explanation}`.slice(0, 200) }, now, true);
    },
    regions: (cmd: AcceptRecommendation, state) => [state.officers.get(cmd.officerId)?.region, state.suites.get(cmd.suiteId)?.region],
  },
  'high-harm:publish': {
    schema: PublishHighHarm,
    decide: (cmd: z.output<typeof PublishHighHarm>, state) => decidePublishHighHarm(state, cmd.definition, cmd.reason),
    regions: () => [],
  },
});

/**
 * Wires the socket events to the engine: parse → scope → decide → store → ack, and the engine's
 * deltas to each scope's room. The guard (socket-guard.ts) has already checked who may send what.
 */
export function registerSocketHandlers(io: NexusServer, ctx: EdgeContext, live: ScopedBroadcast): () => void {
  const { engine, log, audit } = ctx;
  const COMMANDS = commands(ctx.config.alerts);
  io.on('connection', (socket) => {
    const principal = socket.data.principal as Principal;
    const actor = principal.name;
    const address = socket.handshake.address;

    socket.on('sync:hello', (raw: unknown, rawAck: unknown) => {
      const ack = safeAck<HelloReply>(rawAck);
      const hello = Hello.safeParse(raw);
      if (!hello.success) return ack(invalid(hello.error));
      if (hello.data.protocolVersion !== PROTOCOL_VERSION) {
        const message = `This server speaks protocol ${PROTOCOL_VERSION}; reload the page.`;
        return ack({ ok: false, error: { code: 'protocol_mismatch', message } });
      }
      live.join(socket, principal, hello.data.lastSeq, (reply) => {
        ack({ ok: true, data: reply });
        if (reply.mode === 'deltas') socket.emit('live:derived', live.derivedFor(scopeFor(principal.role, principal.regions)));
      });
    });

    for (const [event, { schema, decide, regions }] of Object.entries(COMMANDS) as [CommandEvent, Command][]) {
      socket.on(event, async (raw: unknown, rawAck: unknown) => {
        const ack = safeAck<{ seq: number }>(rawAck);
        const command = schema.safeParse(raw);
        if (!command.success) {
          void audit.security('malformed_command', address, { event, who: actor });
          return ack(invalid(command.error));
        }
        const outside = regions(command.data as never, engine.state).some((r) => r !== undefined && !coversRegion(principal, r));
        if (outside) {
          await audit.record(principal, 'denied', event, subjectOf(command.data), address);
          return ack({ ok: false, error: { code: 'forbidden', message: 'That is outside your regions.' } });
        }
        const result: Ack<{ seq: number }> = await engine.execute((state, now) => decide(command.data as never, state, now), actor);
        await audit.record(principal, event, null, { ...subjectOf(command.data), result: result.ok ? 'accepted' : result.error.code }, address);
        log.info(event, { actor, address, result: result.ok ? 'accepted' : result.error.code, seq: result.ok ? result.data.seq : null, ...subjectOf(command.data) });
        ack(result);
      });
    }
  });
  return engine.subscribe((deltas) => live.deltas(deltas));
}

/** The ids a command names, for the log line (never free text). */
function subjectOf(command: unknown): Record<string, string> {
  const c = command as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const key of ['officerId', 'suiteId', 'custodyRef', 'alertId'] as const) if (typeof c[key] === 'string') fields[key] = c[key];
  return fields;
}

