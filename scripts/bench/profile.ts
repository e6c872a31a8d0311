import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ?? join(tmpdir(), 'nexus-bench-profiles');

/**
 * With BENCH_PROFILE=1, records a V8 CPU profile of this process around `work` only (not the
 * set-up or the baseline) to $BENCH_PROFILE_DIR (default /tmp/nexus-bench-profiles)/<name>.cpuprofile; read it with profile-summary.ts
 * or Chrome DevTools. Without it, just runs `work`.
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_PROFILE !== '1') return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
