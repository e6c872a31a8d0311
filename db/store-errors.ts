/**
 * Whether a storage error means "the database cannot be reached or cannot write now" (try again
 * shortly: 503 with Retry-After) rather than a fault in the request or the code (500). Decided by
 * the driver's error codes: node-postgres passes the server's SQLSTATE (class 08 connection,
 * 57 operator intervention, 53 insufficient resources) or the socket's errno; better-sqlite3 says
 * SQLITE_BUSY, SQLITE_FULL, SQLITE_IOERR… .
 */
export function storageUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_ERRORS.has(code) || /^(08|57|53)/.test(code) || /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY)/.test(code)))
      return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
  }
  return false;
}

const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
/** node-postgres's own words when a connection is lost or cannot be made in time. */
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Connection ended unexpectedly|Client has encountered a connection error/i;
