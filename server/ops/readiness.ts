import type { ReadinessCheckResult, ReadinessReport } from '../../protocol/index.js';
import { messageOf, type Logger } from '../log.js';

/** A condition of readiness: resolves to its result; a throw or a slow answer counts as not ready. */
export type ReadinessCheck = () => Promise<ReadinessCheckResult>;

/** A probe answers well within a load balancer's timeout, however stuck a dependency is. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Whether this node should receive traffic (GET /readyz): not while it starts, not from the first
 * moment it stops, and otherwise only while every named check passes. The app adds `database`
 * and `projection`; a cluster adds its own (e.g. the shared bus) with `add`.
 */
export class Readiness {
  #phase: ReadinessReport['phase'] = 'starting';
  readonly #checks = new Map<string, ReadinessCheck>();
  readonly #node: string;
  readonly #log: Logger;

  constructor(node: string, log: Logger) {
    this.#node = node;
    this.#log = log;
  }

  get phase(): ReadinessReport['phase'] {
    return this.#phase;
  }

  /** Adds (or replaces) a named check that every later probe runs. */
  add(name: string, check: ReadinessCheck): void {
    this.#checks.set(name, check);
  }

  /** Start-up is over: from now on the checks decide. Has no effect once stopping. */
  started(): void {
    if (this.#phase === 'starting') this.#phase = 'ready';
  }

  /** Shutdown has begun: answer 503 at once, so traffic moves elsewhere while we drain. */
  stopping(): void {
    this.#phase = 'stopping';
  }

  async report(): Promise<ReadinessReport> {
    if (this.#phase !== 'ready') return { ready: false, phase: this.#phase, node: this.#node, checks: {} };
    const names = [...this.#checks.keys()];
    const results = await Promise.all(names.map((name) => this.#run(name, this.#checks.get(name)!)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
    // The phase may have changed while the checks ran (a shutdown began): that wins.
    const phase = this.#phase;
    return { ready: phase === 'ready' && results.every((r) => r.ok), phase, node: this.#node, checks };
  }

  async #run(name: string, check: ReadinessCheck): Promise<ReadinessCheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessCheckResult>((done) => {
      timer = setTimeout(() => done({ ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
    });
    try {
      return await Promise.race([check(), timeout]);
    } catch (error) {
      // The probe is public: the reason goes to the log, not to the answer.
      this.#log.warn('readiness.check_failed', { check: name, message: messageOf(error) });
      return { ok: false, detail: 'failed; see the log' };
    } finally {
      clearTimeout(timer);
    }
  }
}
