import type pg from 'pg';
import { createLogger, type Logger } from '../server/log.js';
import { LeaderFlag, type Leadership } from './leadership.js';
import { dedicatedClient, endClient } from './pg-connection.js';
import { PG_LOCK } from './pg-locks.js';

export interface PgLeaderOptions {
  url: string;
  log?: Logger;
  /** The advisory lock that is the leadership; one per kind of job. */
  key?: number;
  /** How often a follower tries for the lock, and the leader checks its connection. */
  retryMs?: number;
}

/**
 * A leader's check of its connection must fail well before the server's keepalives (≈11 s, see
 * pg-connection.ts) release its lock to another node, so a node cut off stops leading first.
 */
const LEADER_LIMITS = { statementMs: 2_000, readMs: 3_000 };

/** Rounds a node sits out after losing its connection, so a healthy node takes over, not it. */
const ROUNDS_OUT_AFTER_LOSS = 3;

/**
 * Leader election on PostgreSQL: the leader is the node whose own connection holds a
 * session-level advisory lock. Followers try for it every second; a leader checks its connection
 * as often. The lock goes with the session, so a node that dies (or whose backend is terminated)
 * loses it at once and another node takes over within about a second; a node that loses its
 * connection stops leading at once, before the server lets anyone else in, and sits out a few
 * rounds before trying again.
 */
export class PgLeader extends LeaderFlag implements Leadership {
  readonly #url: string;
  readonly #log: Logger;
  readonly #key: number;
  readonly #retryMs: number;
  #client: pg.Client | null = null;
  #timer: NodeJS.Timeout | null = null;
  #round: Promise<void> | null = null;
  #running = false;
  #sittingOutUntil = 0;

  constructor({ url, log = createLogger(), key = PG_LOCK.leader, retryMs = 1_000 }: PgLeaderOptions) {
    super(log);
    this.#url = url;
    this.#log = log;
    this.#key = key;
    this.#retryMs = retryMs;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#next(0);
  }

  /** Stops trying and gives leadership up (ending the session releases the lock). */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#round;
    await this.#drop();
  }

  #next(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#round = this.#try().finally(() => {
        this.#round = null;
        if (this.#running) this.#next(this.#retryMs);
      });
    }, delayMs);
  }

  /** One round: connect if need be, then try for the lock, or (leading) check the connection. */
  async #try(): Promise<void> {
    if (Date.now() < this.#sittingOutUntil) return;
    try {
      const client = this.#client ?? (await this.#connect());
      if (this.isLeader) {
        await client.query('SELECT 1');
      } else {
        const { rows } = await client.query<{ won: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS won', [this.#key]);
        // Stopped while asking: the session ends in stop(), which gives the lock back.
        if (rows[0]?.won && this.#running) this.set(true);
      }
    } catch (error) {
      this.#log.warn('leader.connection_failed', { message: error instanceof Error ? error.message : String(error) });
      void this.#drop();
    }
  }

  async #connect(): Promise<pg.Client> {
    const client = dedicatedClient(this.#url, 'nexus-leader', this.#log, LEADER_LIMITS);
    // A lost connection is lost leadership, now rather than at the next round.
    client.on('end', () => {
      if (client === this.#client) void this.#drop();
    });
    try {
      await client.connect();
    } catch (error) {
      void endClient(client);
      throw error;
    }
    this.#client = client;
    return client;
  }

  /** Not leading from now on; resolves when the session (and with it the lock) is ended. */
  #drop(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    this.#sittingOutUntil = Date.now() + ROUNDS_OUT_AFTER_LOSS * this.#retryMs;
    this.set(false);
    return client ? endClient(client) : Promise.resolve();
  }
}
