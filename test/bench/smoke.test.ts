import { describe, expect, it } from 'vitest';
import { failover } from '../../scripts/bench/cluster/failover.js';
import { derived } from '../../scripts/bench/derived.js';
import { fanout } from '../../scripts/bench/fanout.js';
import { history } from '../../scripts/bench/history.js';
import { openLight } from '../../scripts/bench/load/light-client.js';
import { startOurs } from '../../scripts/bench/ours.js';
import { snapshot } from '../../scripts/bench/snapshot.js';
import { realReference } from '../../scripts/bench/world.js';

// The benchmark suite is `npm run bench` (minutes, thousands of clients). This only checks that
// some of its measures still run against the current code and produce numbers.
describe('bench smoke', () => {
  it('fan-out and broadcast cost run with a few clients', async () => {
    const [latency, cost] = await fanout({ clients: 4, fullClients: 2, eventsPerSecond: 40, tickMs: 50, seconds: 1, warmupSeconds: 0.3 });
    expect(latency.rows.length).toBeGreaterThan(0);
    expect(cost.rows.length).toBeGreaterThan(0);
    expect(latency.rows.find((r) => r.metric.startsWith('p99'))?.ours).toMatch(/\d/);
    // Signed-in clients in the scope's room: every broadcast reached every client.
    expect(latency.rows.find((r) => r.metric === 'messages delivered')?.verdict).toBe('PASS');
    expect(cost.rows[0]?.ours).toMatch(/\d/);
  }, 30_000);

  it('a few days of history load into both stores; the pack and the streamed export run on them', async () => {
    const [pack, exported] = await history({ casesPerDay: 20, days: 10, repeats: 1 });
    expect(pack!.rows.filter((r) => /pack/.test(r.metric)).length).toBe(5);
    expect(exported!.rows.find((r) => r.metric.startsWith('SQLite: full-year CSV'))?.metric).toMatch(/\(200 rows/);
  }, 60_000);

  it('snapshot runs on a small national state', async () => {
    const result = await snapshot({ suites: 80, officers: 50, cases: 200, repeats: 2 });
    expect(result.rows.map((r) => r.ours).join(' ')).toMatch(/\d/);
  }, 30_000);

  it('the derived-view measure runs on a small national state, every update following the last', async () => {
    const result = await derived({ suites: 60, officers: 40, cases: 300, eventsPerSecond: 40, tickMs: 100, seconds: 2, warmupSeconds: 0.3 });
    expect(result.rows.find((r) => r.metric.startsWith('updates that did not follow'))?.verdict).toBe('PASS');
    expect(result.rows.find((r) => r.metric.startsWith('updates received'))?.ours).not.toBe('0');
  }, 60_000);

  it("the bench's clients fail loudly, not silently, when the server refuses their session", async () => {
    const ours = await startOurs({ reference: realReference() });
    try {
      await expect(openLight(ours.url, 'nexus_session=not-a-session', null, { onDeltas: () => {} })).rejects.toThrow(/unauthenticated/);
      const ws = await openLight(ours.url, ours.cookie, null, { onDeltas: () => {} });
      ws.terminate();
    } finally {
      await ours.stop();
      ours.cleanup();
    }
  }, 30_000);

  it('failover runs on a small 2-node cluster (PostgreSQL and Redis), and the kill costs nobody a delta', async () => {
    const result = await failover({ clients: 20, eventsPerSecond: 50, tickMs: 100, beforeMs: 1_000, afterMs: 1_000 });
    const verdictOf = (start: string) => result.rows.find((r) => r.metric.startsWith(start))?.verdict;
    expect(verdictOf('clients of the killed node back in sync')).toBe('PASS');
    expect(verdictOf('clients short of the last seq')).toBe('PASS');
    expect(verdictOf('deltas received twice')).toBe('PASS');
    expect(verdictOf('acknowledged facts missing')).toBe('PASS');
    expect(result.rows.find((r) => r.metric.startsWith('kill → 95%'))?.ours).toMatch(/\d ms/);
  }, 60_000);
});
