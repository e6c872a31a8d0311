import type { EventStore } from '../../db/store.js';
import { messageOf, type Logger } from '../log.js';

/** What a node hears of other nodes' appends (PostgreSQL's LISTEN/NOTIFY); null on a single node. */
export interface LogNotifications {
  onSeq(callback: (seq: number) => void): () => void;
  onReconnect(callback: () => void): () => void;
}

interface Follower {
  readonly seq: number;
  follow(): Promise<void>;
}

/**
 * Keeps a node's projection up with appends made by other nodes: on every notification of a
 * later seq, after every reconnection of the listener (notifications sent meanwhile are lost),
 * and on a slow poll in case one was missed anyway. The engine reads and applies the log itself,
 * in its write queue, and publishes the deltas to this node's sockets.
 */
export function followLog(engine: Follower, store: EventStore, notifications: LogNotifications | null, pollMs: number, log: Logger): () => void {
  const follow = (why: string) =>
    engine.follow().catch((error: unknown) => log.warn('log.follow_failed', { why, message: messageOf(error) }));
  const offSeq = notifications?.onSeq((seq) => {
    if (seq > engine.seq) void follow('notified');
  });
  const offReconnect = notifications?.onReconnect(() => void follow('listener reconnected'));
  const poll = setInterval(() => {
    store.lastSeq().then(
      (last) => (last > engine.seq ? follow('poll') : undefined),
      (error: unknown) => log.warn('log.poll_failed', { message: messageOf(error) }),
    );
  }, pollMs);
  poll.unref();
  return () => {
    clearInterval(poll);
    offSeq?.();
    offReconnect?.();
  };
}
