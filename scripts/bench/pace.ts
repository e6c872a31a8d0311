import { nowMs, sleep } from './time.js';

/**
 * Calls `tick` every `everyMs` for `durationMs`, on a fixed schedule (a late tick does not push
 * the next ones back), awaiting each. Returns how many ticks ran.
 */
export async function paced(durationMs: number, everyMs: number, tick: (i: number) => Promise<void> | void): Promise<number> {
  const start = nowMs();
  let i = 0;
  while (nowMs() - start < durationMs) {
    await tick(i);
    i++;
    const wait = start + i * everyMs - nowMs();
    await sleep(Math.max(0, wait));
  }
  return i;
}
