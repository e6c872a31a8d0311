/**
 * One cluster node for the bench, in a process of its own so that it can be killed with SIGKILL:
 * the real start-up (`startServer` from the environment, as `npm run start:node` does), plus the
 * bench's hooks over IPC (node-commands.ts): feed batches minus HTTP, when each broadcast left,
 * and the event-loop delay. Started by cluster.ts.
 */
import type { IngestBatch } from '../../../protocol/index.js';
import { loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/log.js';
import { startServer } from '../../../server/start.js';
import { startLoopDelay, type LoopDelay } from '../loop-delay.js';
import { serve } from '../load/rpc.js';
import { benchFeed, IngestRefused, stampBroadcasts } from '../ours.js';
import { nowMs, sleep } from '../time.js';
import { closedLoop } from '../writers.js';
import { noRetries, type Fed, type NodeCommand, type NodeInfo, type Retried } from './node-commands.js';

/** How often, and how long apart, a refusal only a cluster gives is retried before it counts as a failure. */
const RETRIES = 50;
const RETRY_MS = 10;

// Commands may come before the node has started: each waits for it.
const ready = startServer(loadConfig(), createLogger({ level: 'warn' })).then((server) => {
  const emitAt = new Map<number, number>();
  stampBroadcasts(server.app, emitAt);
  const feed = benchFeed(server.app);
  /** A feed as it would run against a cluster: retries what the cluster may refuse for a moment (Retried). */
  const retrying = async (batch: IngestBatch, retried: Retried): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await feed(batch);
      } catch (error) {
        const kind = retryable(error);
        if (!kind || attempt > RETRIES) throw error;
        retried[kind]++;
        await sleep(RETRY_MS);
      }
    }
  };
  return { server, emitAt, feed: retrying };
});

function retryable(error: unknown): keyof Retried | null {
  if (!(error instanceof IngestRefused)) return null;
  if (error.code === 'unknown_case') return 'stale';
  // The engine's answer after losing the race to append five times (server/live/engine.ts).
  if (error.code === 'internal' && error.message.includes('very busy')) return 'busy';
  return null;
}
let delay: { stop(): LoopDelay } | null = null;
let stopped: Promise<void> | null = null;
const stop = (): Promise<void> => (stopped ??= ready.then(({ server }) => server.stop()));

serve<NodeCommand>(
  async (command) => {
    const { server, emitAt, feed } = await ready;
    const { app } = server;
    switch (command.cmd) {
      case 'info':
        return { url: `http://127.0.0.1:${server.port}`, seq: app.engine.seq } satisfies NodeInfo;
      case 'ingest': {
        const retried = noRetries();
        const t0 = nowMs();
        await feed(command.batch, retried);
        return { ms: nowMs() - t0, retried } satisfies Fed;
      }
      case 'writers': {
        const retried = noRetries();
        return { ...(await closedLoop(command.batches, command.writers, (batch) => feed(batch, retried))), retried };
      }
      case 'emits':
        return [...emitAt].filter(([, t]) => t >= command.since);
      case 'loopDelay':
        if (command.on) {
          delay = startLoopDelay();
          return null;
        }
        return delay?.stop() ?? null;
      case 'stop':
        await stop();
        return null;
    }
  },
  // The bench let go (or died): stop like a node told to stop.
  () => void stop().finally(() => process.exit(0)),
);
