import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../db/sqlite-store.js';
import { ManualClock } from '../../server/clock.js';
import { silentLogger } from '../../server/log.js';
import { RetentionJob } from '../../server/retention/retention-job.js';

describe('RetentionJob: the leader\'s daily run', () => {
  it('runs soon after it begins, then every period, each run audited as the system; stops when it ends', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    const auth = store.authStore();
    const job = new RetentionJob({ store, auth, clock: new ManualClock(Date.parse('2026-12-03T12:00:00Z')), retentionDays: 730, log: silentLogger, firstAfterMs: 10, everyMs: 40 });
    const runs = async () => (await auth.allAudit()).filter((e) => e.action === 'retention.pseudonymised');
    expect(await runs()).toHaveLength(0);
    job.begin();
    await new Promise((r) => setTimeout(r, 150));
    await job.end();
    const done = await runs();
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done[0]).toMatchObject({ actor: 'system:retention', subject: 'cases whose last fact was before 2024-12-03' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await runs()).toHaveLength(done.length);
    await store.close();
  });
});
