import { sha256 } from '../security/secrets.js';
import type { Principal } from '../security/principal.js';

type ResolveHashes = (hashes: readonly string[], touch: boolean) => Promise<Map<string, Principal | null>>;
type Waiter = { resolve: (principal: Principal | null) => void; reject: (error: unknown) => void };

/**
 * Socket handshakes' session checks, asked together: the first goes at once, and those that arrive
 * while it is out go as one query when it is back (Sessions.resolveHashes). On a cluster every
 * reconnecting screen's handshake was a query of its own on the node's PostgreSQL pool, plus an
 * UPDATE of the session's last-seen time once a minute, queued with the log's appends and reads:
 * a burst of screens coming back waited seconds for their handshakes (measure 8c), not for their
 * hellos. Each screen still gets exactly its own answer; the last-seen times are written after the
 * answer (one pass at a time), so that writing them never holds a handshake up.
 */
export function batchedSessionCheck(resolveHashes: ResolveHashes, touchFailed: (error: unknown) => void): (token: string | undefined) => Promise<Principal | null> {
  let waiting = new Map<string, Waiter[]>();
  let asking = false;
  let toTouch = new Set<string>();
  let touching = false;

  const touch = async (): Promise<void> => {
    touching = true;
    while (toTouch.size > 0) {
      const hashes = [...toTouch];
      toTouch = new Set();
      await resolveHashes(hashes, true).catch(touchFailed);
    }
    touching = false;
  };

  const ask = async (): Promise<void> => {
    asking = true;
    while (waiting.size > 0) {
      const batch = waiting;
      waiting = new Map();
      try {
        const answers = await resolveHashes([...batch.keys()], false);
        for (const [hash, waiters] of batch) {
          const principal = answers.get(hash) ?? null;
          if (principal) toTouch.add(hash);
          for (const w of waiters) w.resolve(principal);
        }
      } catch (error) {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
      }
    }
    asking = false;
    if (!touching && toTouch.size > 0) void touch();
  };

  return (token) => {
    if (!token) return Promise.resolve(null);
    const hash = sha256(token);
    return new Promise((resolve, reject) => {
      const waiters = waiting.get(hash);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(hash, [{ resolve, reject }]);
      if (!asking) void ask();
    });
  };
}
