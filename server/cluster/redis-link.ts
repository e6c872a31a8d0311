import { Redis } from 'ioredis';
import { messageOf, type Logger } from '../log.js';

/**
 * The nodes' link through Redis: a publisher and a subscriber for the Socket.IO adapter (socket
 * control across nodes) and a client for shared counters (rate limits). Redis is not on the data
 * path (that is the log), so losing it must never stop a node: every client logs its errors
 * instead of throwing them, counters fail fast while it is down (callers fall back), and what the
 * adapter publishes while it is down is dropped with a log line rather than crashing the process.
 */
export class RedisLink {
  readonly pub: Redis;
  readonly sub: Redis;
  readonly counters: Redis;
  readonly #log: Logger;
  #up = false;

  constructor(url: string, log: Logger) {
    this.#log = log;
    const options = { lazyConnect: true, maxRetriesPerRequest: 2, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000) };
    this.pub = this.#watch(new Redis(url, { ...options, connectionName: 'nexus-pub' }), 'pub');
    this.sub = this.#watch(new Redis(url, { ...options, connectionName: 'nexus-sub' }), 'sub');
    // Counters must not wait for a dead Redis: with no offline queue they fail at once.
    this.counters = this.#watch(new Redis(url, { ...options, enableOfflineQueue: false, connectionName: 'nexus-counters' }), 'counters');
  }

  /** Whether all three connections are up now. */
  get up(): boolean {
    return this.#up && [this.pub, this.sub, this.counters].every((c) => c.status === 'ready');
  }

  /** Connects; resolves either way (a node starts without Redis and degrades). */
  async connect(): Promise<void> {
    const results = await Promise.allSettled([this.pub.connect(), this.sub.connect(), this.counters.connect()]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) this.#log.warn('redis.unreachable', { message: messageOf(failed.reason), effect: 'cross-node control degraded; the data path goes on' });
    this.#up = !failed;
  }

  /**
   * The publisher as the Socket.IO adapter should see it: the adapter does not handle a failed
   * publish, and an unhandled rejection would end the process.
   */
  adapterPublisher(): Redis {
    const log = this.#log;
    return new Proxy(this.pub, {
      get(target, key, receiver) {
        if (key === 'publish')
          return (...args: Parameters<Redis['publish']>) =>
            target.publish(...args).catch((error: unknown) => {
              log.warn('redis.publish_failed', { message: messageOf(error) });
              return 0;
            });
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  async close(): Promise<void> {
    for (const client of [this.pub, this.sub, this.counters]) client.disconnect();
  }

  #watch(client: Redis, name: string): Redis {
    client.on('error', (error: Error) => this.#log.warn('redis.error', { client: name, message: error.message }));
    client.on('ready', () => {
      if (!this.#up) this.#log.info('redis.connected', { client: name });
      this.#up = true;
    });
    client.on('end', () => (this.#up = false));
    return client;
  }
}
