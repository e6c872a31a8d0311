/**
 * A sliding-window counter per key: "at most `limit` in `windowMs`". In memory: one process is
 * the unit of deployment; a second backend would move it to Redis.
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Whether one more is allowed now; records it if so. */
  take(key: string, now: number): boolean {
    const recent = (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.#hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.#hits.set(key, recent);
    return true;
  }

  /** Counts without taking: for failures recorded after the fact. */
  blocked(key: string, now: number): boolean {
    return (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs).length >= this.limit;
  }

  record(key: string, now: number): void {
    this.#hits.set(key, [...(this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs), now]);
  }

  reset(key: string): void {
    this.#hits.delete(key);
  }
}
