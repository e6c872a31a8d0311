import type { Audit } from './audit.js';

interface Tally {
  kind: string;
  ip: string | null;
  detail: Record<string, unknown>;
  more: number;
}

/** Most distinct (kind, source) pairs held between flushes; beyond it, refusals are only counted. */
const MAX_SOURCES = 5_000;

/**
 * The security log for refusals that can repeat (unknown events, rate limits, denials): the
 * first of a kind from one source in a window is written at once, the rest are counted and
 * written as one row ("and N more") when the window ends. One hostile socket sending thousands of
 * refused messages costs a handful of rows, not thousands.
 */
export class RefusalLog {
  readonly #audit: Audit;
  #window = new Map<string, Tally>();
  #overflow = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(audit: Audit, windowMs = 60_000) {
    this.#audit = audit;
    this.#timer = setInterval(() => this.flush(), windowMs);
    this.#timer.unref();
  }

  /** Notes one refusal of `kind` from `source` (a socket, session or address). */
  note(kind: string, source: string, ip: string | null, detail: Record<string, unknown>): void {
    const key = `${kind}\u0000${source}`;
    const tally = this.#window.get(key);
    if (tally) {
      tally.more++;
      return;
    }
    if (this.#window.size >= MAX_SOURCES) {
      this.#overflow++;
      return;
    }
    this.#window.set(key, { kind, ip, detail, more: 0 });
    void this.#audit.security(kind, ip, detail);
  }

  /** Writes the counts of the window that ended and starts a new one. */
  flush(): void {
    const ended = this.#window;
    const overflow = this.#overflow;
    this.#window = new Map();
    this.#overflow = 0;
    for (const { kind, ip, detail, more } of ended.values()) if (more > 0) void this.#audit.security(kind, ip, { ...detail, repeated: more });
    if (overflow > 0) void this.#audit.security('refusals_uncounted_sources', null, { refusals: overflow });
  }

  stop(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}
