import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import type { ClientToServer, ServerToClient } from '../../protocol/index.js';
import type { EdgeContext } from '../security/context.js';
import { sessionToken } from '../security/http.js';
import type { Principal } from '../security/principal.js';
import { RateLimiter } from '../security/rate-limit.js';
import { SOCKET_POLICY } from '../security/policy.js';

type NexusServer = Server<ClientToServer, ServerToClient>;
type NexusSocket = Socket<ClientToServer, ServerToClient>;

/** A browser always sends Origin; it must be this server (or one configured). Tools send none. */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = req.headers.host;
  return origin === `http://${host}` || origin === `https://${host}` || allowed.includes(origin);
}

/**
 * Sign-in for sockets: the handshake must carry a valid session cookie, every event must be one
 * the role may send (deny by default), and a socket may send at most 30 events in 10 seconds.
 */
export function guardSockets(io: NexusServer, ctx: EdgeContext): { sweep(): Promise<void>; stop(): void } {
  const limiter = new RateLimiter(30, 10_000);
  io.use(async (socket, next) => {
    const principal = await ctx.sessions.resolve(sessionToken(socket.request.headers.cookie));
    if (!principal) {
      await ctx.audit.security('socket_unauthenticated', socket.handshake.address, {});
      return next(new Error('unauthenticated'));
    }
    socket.data.principal = principal;
    next();
  });
  io.on('connection', (socket: NexusSocket) => {
    socket.use((packet, next) => {
      const [event, ...args] = packet;
      const principal = socket.data.principal as Principal;
      const allowed = (SOCKET_POLICY as Record<string, readonly string[] | undefined>)[event];
      const ack = args.at(-1);
      const refuse = (code: 'forbidden' | 'rate_limited', message: string, kind: string) => {
        void ctx.audit.security(kind, socket.handshake.address, { event: String(event).slice(0, 60), who: principal.name });
        if (typeof ack === 'function') ack({ ok: false, error: { code, message } });
      };
      if (!limiter.take(socket.id, Date.now())) return refuse('rate_limited', 'Too many requests; slow down.', 'socket_rate_limited');
      if (!allowed || !allowed.includes(principal.role)) {
        if (allowed) void ctx.audit.record(principal, 'denied', String(event), {}, socket.handshake.address);
        return refuse('forbidden', allowed ? 'Your role may not do this.' : 'Unknown event.', allowed ? 'socket_denied' : 'socket_unknown_event');
      }
      next();
    });
    socket.on('disconnect', () => limiter.reset(socket.id));
  });

  /**
   * Cuts sockets whose session ended or whose user or kiosk changed. Each session is looked up
   * once however many tabs share it, and the loop yields every 200 sessions so a crowded server
   * does not stall its broadcasts.
   */
  const sweep = async () => {
    const bySession = new Map<string, { principal: Principal; sockets: { disconnect(close: boolean): void }[] }>();
    for (const socket of await io.fetchSockets()) {
      const principal = socket.data.principal as Principal | undefined;
      if (!principal) {
        socket.disconnect(true);
        continue;
      }
      const group = bySession.get(principal.sessionHash) ?? { principal, sockets: [] };
      group.sockets.push(socket);
      bySession.set(principal.sessionHash, group);
    }
    let checked = 0;
    for (const [hash, { principal, sockets }] of bySession) {
      const now = await ctx.sessions.resolveHash(hash);
      if (!now || now.version !== principal.version || now.role !== principal.role) for (const s of sockets) s.disconnect(true);
      if (++checked % 200 === 0) await new Promise((r) => setImmediate(r));
    }
  };
  const timer = setInterval(() => void sweep(), 5_000);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
