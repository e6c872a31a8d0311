import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import type { ClientToServer, PrincipalRole, ServerToClient } from '../../protocol/index.js';
import type { EdgeContext } from '../security/context.js';
import { sessionToken } from '../security/http.js';
import type { Principal } from '../security/principal.js';
import { RateLimiter } from '../security/rate-limit.js';
import { RefusalLog } from '../security/refusal-log.js';
import { SOCKET_POLICY } from '../security/policy.js';
import { batchedSessionCheck } from './session-batch.js';

type NexusServer = Server<ClientToServer, ServerToClient>;
type NexusSocket = Socket<ClientToServer, ServerToClient>;

/** Who may send each event, looked up by the client's event name: a Map, so no name finds an inherited property. */
const POLICY: ReadonlyMap<string, readonly PrincipalRole[]> = new Map(Object.entries(SOCKET_POLICY));

/** Events per socket per 10 s; refusals per socket per minute before it is cut. */
const EVENTS_PER_10S = 30;
const REFUSALS_BEFORE_CUT = 60;

/** A browser always sends Origin; it must be this server (or one configured). Tools send none. */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = req.headers.host;
  return origin === `http://${host}` || origin === `https://${host}` || allowed.includes(origin);
}

const NO_HEADERS = Object.freeze({});

/**
 * Once a socket is signed in, its handshake's request (headers, session cookie and all) is let go:
 * a screen may stay connected for days, and nothing after sign-in reads it (the address is kept).
 * Socket.IO's guide to memory usage suggests dropping it so; here also so the session token is not
 * held in memory for the life of the socket.
 */
function forgetHandshake(socket: NexusSocket): void {
  const request = socket.request as IncomingMessage | null;
  // Engine.IO's upgrade response keeps the request until the connection closes: empty it there too.
  if (request) {
    request.rawHeaders.length = 0;
    request.headers = NO_HEADERS;
  }
  (socket.conn as { request: IncomingMessage | null }).request = null;
  socket.handshake.headers = NO_HEADERS;
  socket.handshake.query = NO_HEADERS;
}

/**
 * Sign-in for sockets: the handshake must carry a valid session cookie, a session may hold only a
 * few sockets at once, every event must be one the role may send (deny by default), and a socket
 * may send at most 30 events in 10 seconds. Refusals are logged once per kind and source per
 * minute (with a count), and a socket that keeps being refused is cut.
 */
export function guardSockets(io: NexusServer, ctx: EdgeContext): { sweep(): Promise<void>; stop(): void } {
  const limiter = new RateLimiter(EVENTS_PER_10S, 10_000);
  const refusals = new RateLimiter(REFUSALS_BEFORE_CUT, 60_000);
  const refusalLog = new RefusalLog(ctx.audit);
  /** Sockets open per session: a count is all the limit needs, not a set of ids per session. */
  const socketsOf = new Map<string, number>();
  const maxSockets = ctx.config.security.maxSocketsPerSession;
  const sessionOf = batchedSessionCheck(
    (hashes, touch) => ctx.sessions.resolveHashes(hashes, touch),
    (error) => ctx.log.warn('socket.session_touch_failed', { message: String(error) }),
  );

  io.use(async (socket, next) => {
    const address = socket.handshake.address;
    try {
      const principal = await sessionOf(sessionToken(socket.request.headers.cookie));
      if (!principal) {
        refusalLog.note('socket_unauthenticated', address, address, {});
        return next(new Error('unauthenticated'));
      }
      if ((socketsOf.get(principal.sessionHash) ?? 0) >= maxSockets) {
        refusalLog.note('socket_limit', principal.sessionHash, address, { who: principal.name, limit: maxSockets });
        return next(new Error('too_many_connections'));
      }
      socket.data.principal = principal;
      next();
    } catch (error) {
      ctx.log.error('socket.handshake_failed', { address, message: String(error) });
      next(new Error('unavailable'));
    }
  });

  // Made once for the server: Node calls it with the socket as `this`.
  function forget(this: NexusSocket): void {
    const { sessionHash } = this.data.principal as Principal;
    limiter.reset(this.id);
    refusals.reset(this.id);
    const left = (socketsOf.get(sessionHash) ?? 1) - 1;
    if (left > 0) socketsOf.set(sessionHash, left);
    else socketsOf.delete(sessionHash);
  }

  io.on('connection', (socket: NexusSocket) => {
    const principal = socket.data.principal as Principal;
    const address = socket.handshake.address;
    socketsOf.set(principal.sessionHash, (socketsOf.get(principal.sessionHash) ?? 0) + 1);
    forgetHandshake(socket);

    socket.use((packet, next) => {
      const [event, ...args] = packet as unknown[];
      const name = typeof event === 'string' ? event : '';
      const allowed = POLICY.get(name);
      const ack = args.at(-1);
      const refuse = (code: 'forbidden' | 'rate_limited', message: string, kind: string) => {
        refusalLog.note(kind, socket.id, address, { event: name.slice(0, 60), who: principal.name });
        if (typeof ack === 'function') ack({ ok: false, error: { code, message } });
        if (!refusals.take(socket.id, Date.now())) {
          refusalLog.note('socket_flooding', socket.id, address, { who: principal.name });
          socket.disconnect(true);
        }
      };
      if (!limiter.take(socket.id, Date.now())) return refuse('rate_limited', 'Too many requests; slow down.', 'socket_rate_limited');
      if (!allowed) return refuse('forbidden', 'Unknown event.', 'socket_unknown_event');
      if (!allowed.includes(principal.role)) {
        void ctx.audit.recordOrLog(principal, 'denied', name, {}, address);
        return refuse('forbidden', 'Your role may not do this.', 'socket_denied');
      }
      next();
    });
    socket.on('disconnect', forget);
  });

  /**
   * Cuts sockets whose session ended or whose user or kiosk changed. Each session is looked up
   * once however many tabs share it, 500 to a query, and the loop yields between queries so a
   * crowded server does not stall its broadcasts.
   */
  const sweep = async () => {
    const bySession = new Map<string, { principal: Principal; sockets: { disconnect(close: boolean): void }[] }>();
    for (const socket of await io.local.fetchSockets()) {
      const principal = socket.data.principal as Principal | undefined;
      if (!principal) {
        socket.disconnect(true);
        continue;
      }
      const group = bySession.get(principal.sessionHash) ?? { principal, sockets: [] };
      group.sockets.push(socket);
      bySession.set(principal.sessionHash, group);
    }
    // All sessions in a few queries (500 a query), not two queries each: thousands of screens per node.
    const hashes = [...bySession.keys()];
    for (let i = 0; i < hashes.length; i += 500) {
      const now = await ctx.sessions.resolveHashes(hashes.slice(i, i + 500));
      for (const [hash, principal] of now) {
        const { principal: was, sockets } = bySession.get(hash)!;
        if (!principal || principal.version !== was.version || principal.role !== was.role) for (const s of sockets) s.disconnect(true);
      }
      await new Promise((r) => setImmediate(r));
    }
  };
  const safeSweep = () =>
    sweep().catch((error: unknown) => ctx.log.error('socket.sweep_failed', { message: String(error) }));
  const timer = setInterval(() => void safeSweep(), 5_000);
  timer.unref();
  return {
    sweep: safeSweep,
    stop: () => {
      clearInterval(timer);
      refusalLog.stop();
    },
  };
}
