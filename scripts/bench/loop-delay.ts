import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelay {
  /** Longest time a 1 ms timer waited past its due time: the longest the event loop was blocked. */
  maxMs: number;
  p99Ms: number;
}

/** Runs `work` while sampling this process's event-loop delay (Node's own histogram, 1 ms timer). */
export async function withLoopDelay<T>(work: () => Promise<T>): Promise<{ result: T; delay: LoopDelay }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    const result = await work();
    return { result, delay: { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 } };
  } finally {
    histogram.disable();
  }
}
