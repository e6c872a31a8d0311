import { nowMs } from './time.js';

export interface WritersRun {
  /** Wall time from the first write to the last answer. */
  ms: number;
  /** Each write's time from sent to answered. */
  latencies: number[];
}

/**
 * `writers` writers at once, each sending its next item as soon as the last was answered (feeds
 * and dashboards each waiting for their acknowledgement): what arrives while a commit is in
 * flight is what group commit can put in the next one.
 */
export async function closedLoop<T>(items: readonly T[], writers: number, write: (item: T) => Promise<void>): Promise<WritersRun> {
  const latencies: number[] = [];
  let next = 0;
  const started = nowMs();
  const writer = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const t0 = nowMs();
      await write(item);
      latencies.push(nowMs() - t0);
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return { ms: nowMs() - started, latencies };
}
