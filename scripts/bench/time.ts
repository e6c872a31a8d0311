/**
 * One clock for every process of the suite: CLOCK_MONOTONIC (process.hrtime) is system-wide on
 * Linux, so a time stamped in the server and one read in a load generator can be subtracted
 * directly, to the microsecond. (performance.timeOrigin differs per process by up to ~1 ms.)
 */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** CPU time (user + system) of this process, in microseconds. */
export const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Runs a full GC when the process was started with --expose-gc (npm run bench does). */
export function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/** `promise`, or a rejection with `message` after `ms`: a child that hangs must not hang the suite. */
export async function within<T>(ms: number, promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
