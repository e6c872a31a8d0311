import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { messageOf, type Logger } from '../log.js';
import { MemoryLimitStore, type LimitStore } from '../security/limit-store.js';

/**
 * Rate-limit counters shared by every node: a sorted set of hit times per key (a sliding window,
 * like the memory store), and keys with a time to live for "known" entries. While Redis cannot be
 * reached each node counts on its own (logged once per outage): limits stay on, per node, rather
 * than off.
 */
export class RedisLimitStore implements LimitStore {
  readonly #redis: Redis;
  readonly #fallback = new MemoryLimitStore();
  readonly #log: Logger;
  /** The cluster's own keys: several clusters (or test runs) may share one Redis. */
  readonly #prefix: string;
  #degraded = false;

  constructor(redis: Redis, cluster: string, log: Logger) {
    this.#redis = redis;
    this.#prefix = `${cluster}:limit:`;
    this.#log = log;
  }

  hit(key: string, windowMs: number, now: number): Promise<number> {
    return this.#try(async () => {
      const k = this.#prefix + key;
      const [, , , count] = (await this.#redis
        .multi()
        .zremrangebyscore(k, 0, now - windowMs)
        .zadd(k, now, `${now}:${randomUUID()}`)
        .pexpire(k, windowMs)
        .zcard(k)
        .exec())!;
      return Number(count![1]);
    }, () => this.#fallback.hit(key, windowMs, now));
  }

  count(key: string, windowMs: number, now: number): Promise<number> {
    return this.#try(() => this.#redis.zcount(this.#prefix + key, `(${now - windowMs}`, '+inf'), () => this.#fallback.count(key, windowMs, now));
  }

  clear(key: string): Promise<void> {
    return this.#try(async () => void (await this.#redis.del(this.#prefix + key, `${this.#prefix}known:${key}`)), () => this.#fallback.clear(key));
  }

  remember(key: string, ttlMs: number, now: number): Promise<void> {
    return this.#try(async () => void (await this.#redis.set(`${this.#prefix}known:${key}`, '1', 'PX', ttlMs)), () => this.#fallback.remember(key, ttlMs, now));
  }

  knows(key: string, now: number): Promise<boolean> {
    return this.#try(async () => (await this.#redis.exists(`${this.#prefix}known:${key}`)) === 1, () => this.#fallback.knows(key, now));
  }

  async #try<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      const result = await shared();
      if (this.#degraded) this.#log.info('limits.shared_again', {});
      this.#degraded = false;
      return result;
    } catch (error) {
      if (!this.#degraded) this.#log.warn('limits.local_only', { message: messageOf(error), effect: 'rate limits counted per node until Redis returns' });
      this.#degraded = true;
      return local();
    }
  }
}
