import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';

/**
 * One JSON line per record on stdout: who did what, when. Operations ship stdout to the log store;
 * personal data never goes here (custody references only where an action names one).
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The small interface call sites use; pino underneath, so request logging shares its lines. */
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** The pino logger these lines go through; the HTTP request log writes with it too. */
  readonly pino: Pino;
}

/**
 * The request a line is written for. Set once per HTTP request (server/ops/request-log.ts), so
 * every line written while handling it carries its id, without passing a logger around.
 */
export const requestContext = new AsyncLocalStorage<{ reqId: string }>();

/**
 * Secrets that travel in headers. Request lines log headers for diagnosis; these never leave
 * redacted, nor do client addresses (personal data; the audit trail keeps them where the law asks).
 */
const REDACTED = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-forwarded-for"]',
  'req.headers.forwarded',
  'req.headers["x-real-ip"]',
  'res.headers["set-cookie"]',
];

export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  const base = pino(
    {
      level: options.level ?? 'info',
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const request = requestContext.getStore();
        return request ? { reqId: request.reqId } : {};
      },
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
  return {
    info: (event, fields = {}) => base.info(fields, event),
    warn: (event, fields = {}) => base.warn(fields, event),
    error: (event, fields = {}) => base.error(fields, event),
    pino: base,
  };
}

/** An error's message for a log field (never its stack: lines stay one short record). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const silentLogger: Logger = createLogger({ level: 'silent' });
