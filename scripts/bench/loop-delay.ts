import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelay {
  /** Longest time a 1 ms timer waited past its due time: the longest the event loop was blocked. */
  maxMs: number;
  p99Ms: number;
}

/** Starts sampling this process's event-loop delay (Node's own histogram, 1 ms timer); `stop` reads it. */
export function startLoopDelay(): { stop(): LoopDelay } {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  return {
    stop: () => {
      histogram.disable();
      return { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 };
    },
  };
}

/** Runs `work` while sampling this process's event-loop delay. */
export async function withLoopDelay<T>(work: () => Promise<T>): Promise<{ result: T; delay: LoopDelay }> {
  const monitor = startLoopDelay();
  let delay: LoopDelay | null = null;
  try {
    const result = await work();
    delay = monitor.stop();
    return { result, delay };
  } finally {
    if (!delay) monitor.stop();
  }
}
