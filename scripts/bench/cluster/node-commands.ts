import type { IngestBatch } from '../../../protocol/index.js';

/** What the bench asks of a cluster node process (node.ts) over IPC. */
export type NodeCommand =
  /** Resolves once the node is listening and ready. */
  | { cmd: 'info' }
  /** One feed batch minus HTTP (ours.ts benchFeed), retried as a feed would (Retried): a Fed. */
  | { cmd: 'ingest'; batch: IngestBatch }
  /** Feed batches from `writers` writers at once, each waiting for its answer before the next (writers.ts): a WritersRun & { retried }. */
  | { cmd: 'writers'; batches: IngestBatch[]; writers: number }
  /** When each `sync:deltas` broadcast entered Socket.IO at or after `since`: [first seq, time]. */
  | { cmd: 'emits'; since: number }
  /** Starts sampling the event-loop delay (`on`), or stops and answers what it saw (a LoopDelay). */
  | { cmd: 'loopDelay'; on: boolean }
  | { cmd: 'stop' };

export interface NodeInfo {
  url: string;
  seq: number;
}

/**
 * Refusals only a cluster gives, which a feed retries: `stale`, the node refused a fact about a
 * case it had not yet read from the log (the other node had booked it: the node decided on a
 * state the log had moved past); `busy`, the node lost the race to append to the other node
 * five times in a row.
 */
export interface Retried {
  stale: number;
  busy: number;
}

export interface Fed {
  /** From the ingest-key check to the engine's reply, retries included. */
  ms: number;
  retried: Retried;
}

export const noRetries = (): Retried => ({ stale: 0, busy: 0 });

export const addRetries = (a: Retried, b: Retried): Retried => ({ stale: a.stale + b.stale, busy: a.busy + b.busy });
