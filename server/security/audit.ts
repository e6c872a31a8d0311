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

  /** Throws when the trail cannot be written: reads that disclose must then not go ahead. */
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

  /**
   * As `record`, for acts already stored in the event log (which names their actor): a failed
   * audit write is logged loudly but must not cost the person their reply.
   */
  async recordOrLog(who: Principal | null, action: string, subject: string | null, detail: Record<string, unknown>, ip: string | null): Promise<void> {
    try {
      await this.record(who, action, subject, detail, ip);
    } catch (error) {
      this.#log.error('audit.failed', { action, actor: who?.name ?? 'anonymous', message: String(error) });
    }
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
