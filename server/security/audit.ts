import type { AuthStore } from '../../db/auth-store.js';
import type { Logger } from '../log.js';
import type { Principal } from './principal.js';

/**
 * The DPA 2018 s.62 trail: who consulted, changed, exported or disclosed what, and when (UTC).
 * Security events (failed sign-ins, denials, rate limits, malformed input) go to their own log.
 */
export class Audit {
  readonly #auth: AuthStore;
  readonly #log: Logger;

  constructor(auth: AuthStore, log: Logger) {
    this.#auth = auth;
    this.#log = log;
  }

  async record(who: Principal | null, action: string, subject: string | null, detail: Record<string, unknown>, ip: string | null): Promise<void> {
    await this.#auth.appendAudit({
      at: new Date().toISOString(),
      actor: who?.name ?? 'anonymous',
      role: who?.role ?? 'none',
      action,
      subject,
      detail,
      ip,
    });
  }

  /** Never throws: a failure to log must not become a way to break a request. */
  async security(kind: string, ip: string | null, detail: Record<string, unknown>): Promise<void> {
    try {
      await this.#auth.appendSecurity(kind, ip, detail);
    } catch (error) {
      this.#log.error('security_log.failed', { kind, message: String(error) });
    }
  }
}
