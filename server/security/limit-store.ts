/**
 * Counters for rate limits that must hold however many nodes serve the users: sign-in failures
 * per account and per address, and addresses an account is known to sign in from. In memory for
 * one node; a cluster shares them through Redis (server/cluster/redis-limit-store.ts).
 */
export interface LimitStore {
  /** Records one event under `key` at `now`; returns how many fell in the last `windowMs`. */
  hit(key: string, windowMs: number, now: number): Promise<number>;
  /** How many events fell under `key` in the last `windowMs`. */
  count(key: string, windowMs: number, now: number): Promise<number>;
  clear(key: string): Promise<void>;
  /** Remembers `key` until `now + ttlMs`. */
  remember(key: string, ttlMs: number, now: number): Promise<void>;
  knows(key: string, now: number): Promise<boolean>;
}

/** Most keys held; past it the oldest go first, so rotating keys cannot exhaust memory. */
const MAX_KEYS = 100_000;

export class MemoryLimitStore implements LimitStore {
  readonly #hits = new Map<string, number[]>();
  readonly #known = new Map<string, number>();

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    const recent = this.#recent(key, windowMs, now);
    recent.push(now);
    this.#hits.delete(key); // re-inserted last: Map order is then least recently hit first
    this.#hits.set(key, recent);
    evictOldest(this.#hits);
    return recent.length;
  }

  async count(key: string, windowMs: number, now: number): Promise<number> {
    return this.#recent(key, windowMs, now).length;
  }

  async clear(key: string): Promise<void> {
    this.#hits.delete(key);
    this.#known.delete(key);
  }

  async remember(key: string, ttlMs: number, now: number): Promise<void> {
    this.#known.delete(key);
    this.#known.set(key, now + ttlMs);
    evictOldest(this.#known);
  }

  async knows(key: string, now: number): Promise<boolean> {
    const until = this.#known.get(key);
    return until !== undefined && until > now;
  }

  #recent(key: string, windowMs: number, now: number): number[] {
    return (this.#hits.get(key) ?? []).filter((t) => t > now - windowMs);
  }
}

function evictOldest(map: Map<string, unknown>): void {
  for (const key of map.keys()) {
    if (map.size <= MAX_KEYS) return;
    map.delete(key);
  }
}
