import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { createLogger, type Logger } from '../server/log.js';
import { dedicatedClient, endClient } from './pg-connection.js';
import { LOG_CHANNEL } from './pg-locks.js';
import { Subscribers } from './subscribers.js';

export interface PgLogListenerOptions {
  url: string;
  log?: Logger;
  /** First wait before reconnecting; it doubles with each failure up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often a quiet connection is checked, to notice a network gone silent. */
  checkEveryMs?: number;
}

/**
 * Hears every append committed by any node: a dedicated connection (LISTEN cannot share a pooled
 * one) on the `nexus_log` channel, whose payload is the append's last seq. Notifications sent
 * while it is disconnected are lost for good, so after every reconnection it calls onReconnect:
 * read the log from your last seq then.
 */
export class PgLogListener {
  readonly #url: string;
  readonly #log: Logger;
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #checkEveryMs: number;
  readonly #seqs: Subscribers<[number]>;
  readonly #reconnects: Subscribers<[]>;
  #client: pg.Client | null = null;
  #stopping = new AbortController();
  #checker: NodeJS.Timeout | null = null;

  constructor({ url, log = createLogger(), minBackoffMs = 250, maxBackoffMs = 5_000, checkEveryMs = 5_000 }: PgLogListenerOptions) {
    this.#url = url;
    this.#log = log;
    this.#minBackoffMs = minBackoffMs;
    this.#maxBackoffMs = maxBackoffMs;
    this.#checkEveryMs = checkEveryMs;
    const failed = (error: unknown) => log.error('listener.subscriber_failed', { message: String(error) });
    this.#seqs = new Subscribers(failed);
    this.#reconnects = new Subscribers(failed);
  }

  /** Whether notifications are being heard right now. */
  get connected(): boolean {
    return this.#client !== null;
  }

  /** Called with the last seq of every append committed while connected. */
  onSeq(callback: (seq: number) => void): () => void {
    return this.#seqs.add(callback);
  }

  /** Called each time listening resumes after the connection was lost. */
  onReconnect(callback: () => void): () => void {
    return this.#reconnects.add(callback);
  }

  /**
   * Connects and listens; resolves once listening (trying again with backoff until then), so
   * that a catch-up read made after it misses nothing.
   */
  async start(): Promise<void> {
    this.#stopping = new AbortController();
    await this.#connectWithBackoff();
    this.#checker = setInterval(() => void this.#check(), this.#checkEveryMs);
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    if (this.#checker) clearInterval(this.#checker);
    const client = this.#client;
    this.#client = null;
    if (client) await endClient(client);
  }

  /** Tries until listening (true) or stopped (false). */
  async #connectWithBackoff(): Promise<boolean> {
    const { signal } = this.#stopping;
    for (let attempt = 0; !signal.aborted; attempt++) {
      if (await this.#connect()) return true;
      const backoff = Math.min(this.#maxBackoffMs, this.#minBackoffMs * 2 ** attempt);
      // Jitter, so nodes that lost the database together do not all come back in the same instant.
      await delay(backoff * (0.5 + Math.random() / 2), undefined, { signal }).catch(() => {});
    }
    return false;
  }

  async #connect(): Promise<boolean> {
    const client = dedicatedClient(this.#url, 'nexus-listener', this.#log);
    client.on('notification', (n) => {
      if (n.channel === LOG_CHANNEL) this.#heard(n.payload);
    });
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${LOG_CHANNEL}`);
    } catch (error) {
      this.#log.warn('listener.connect_failed', { message: error instanceof Error ? error.message : String(error) });
      void endClient(client);
      return false;
    }
    if (this.#stopping.signal.aborted) {
      void endClient(client);
      return false;
    }
    this.#client = client;
    return true;
  }

  #heard(payload: string | undefined): void {
    const seq = Number(payload);
    // Anyone with access to the database can NOTIFY: only a seq is news.
    if (!Number.isSafeInteger(seq) || seq < 1) return this.#log.warn('listener.bad_payload', { channel: LOG_CHANNEL });
    this.#seqs.emit(seq);
  }

  /** A connection that ends or stops answering: listen again on a new one, then say so. */
  #lost(client: pg.Client): void {
    if (client !== this.#client) return;
    this.#client = null;
    void endClient(client);
    this.#log.warn('listener.disconnected', {});
    void this.#connectWithBackoff().then((listening) => {
      if (!listening) return;
      this.#log.info('listener.reconnected', {});
      this.#reconnects.emit();
    });
  }

  /** A silent network sends no 'end': ask something, and treat no answer as a lost connection. */
  async #check(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    await client.query('SELECT 1').catch(() => this.#lost(client));
  }
}
