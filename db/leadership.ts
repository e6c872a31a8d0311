import type { Logger } from '../server/log.js';
import { Subscribers } from './subscribers.js';

/**
 * Whether this node should run the jobs one node must do alone (simulator, timers, checkpoints).
 * Not leading until start(); then `onChange(true)` when leadership is won and `onChange(false)`
 * the moment it is lost or given up (stop the jobs at once: another node may take over soon).
 */
export interface Leadership {
  readonly isLeader: boolean;
  /** Called with every change; returns the way to unsubscribe. */
  onChange(callback: (isLeader: boolean) => void): () => void;
  start(): void;
  stop(): Promise<void>;
}

/** The flag and its subscribers, shared by every kind of election. */
export abstract class LeaderFlag {
  #isLeader = false;
  readonly #changes: Subscribers<[boolean]>;

  constructor(log: Logger) {
    this.#changes = new Subscribers((error) => log.error('leadership.subscriber_failed', { message: String(error) }));
  }

  get isLeader(): boolean {
    return this.#isLeader;
  }

  onChange(callback: (isLeader: boolean) => void): () => void {
    return this.#changes.add(callback);
  }

  protected set(isLeader: boolean): void {
    if (isLeader === this.#isLeader) return;
    this.#isLeader = isLeader;
    this.#changes.emit(isLeader);
  }
}

/** The only node there is (SQLite): leads from start() to stop(). */
export class SoleLeader extends LeaderFlag implements Leadership {
  start(): void {
    this.set(true);
  }
  async stop(): Promise<void> {
    this.set(false);
  }
}
