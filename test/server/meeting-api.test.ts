import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoverageReport, FootfallReview, MeetingView, PerformancePack, Recommendation, Snapshot, SuiteForecast } from '../../protocol/index.js';
import { HOUR } from '../support/reference.js';
import { getJson, item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

let server: TestServer;

/** Croydon has a queue nobody is there to clear; MET-ICE-01 is free nearby. */
beforeEach(async () => {
  server = await startTestServer({ regions: { police_liaison: ['West Midlands Police'] } });
  const t = server.clock.now();
  const booking = (ref: string, hoursAgo: number) =>
    item('arrest.booked', { custodyRef: ref, suiteId: 'met-croydon', nationality: 'RO', iabsMatch: true, relevantTime: t - hoursAgo * HOUR, offenceCategory: 'theft' }, t);
  const r = await postIngest(server.url, {
    source: 'custody',
    events: [
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, t),
      booking('MP/0301/26', 20),
      booking('MP/0302/26', 19),
      booking('MP/0303/26', 2),
    ],
  });
  expect(r.status).toBe(200);
});
afterEach(() => server.stop());

describe('the daily management meeting over the API', () => {
  it('the meeting table shows each suite’s queue and its urgency, busiest first', async () => {
    const view = await getJson<MeetingView>(`${server.url}/api/meeting`, server.cookies.duty_manager);
    const croydon = view.rows[0]!;
    expect(croydon).toMatchObject({ suiteId: 'met-croydon', pending: 3, oldestWaitMinutes: 20 * 60, leastPaceLeftMinutes: 4 * 60, officersThere: 0 });
    // A liaison gets only their force's rows.
    const liaison = await getJson<MeetingView>(`${server.url}/api/meeting`, server.cookies.police_liaison);
    expect(new Set(liaison.rows.map((r) => r.region))).toEqual(new Set(['West Midlands Police']));
  });

  it('recommends sending the free officer to Croydon, and accepting it records a normal move marked as advice', async () => {
    const recs = await getJson<Recommendation[]>(`${server.url}/api/recommendations`, server.cookies.duty_manager);
    const advice = recs.find((r) => r.toSuiteId === 'met-croydon');
    expect(advice).toMatchObject({ officerId: 'MET-ICE-01' });
    expect(advice!.explanation).toMatch(/Croydon/);
    const dm = new TestClient(server.url, server.cookies.duty_manager);
    await dm.hello();
    const ack = await dm.socket.emitWithAck('recommendation:accept', { officerId: 'MET-ICE-01', suiteId: 'met-croydon' });
    expect(ack.ok).toBe(true);
    expect(server.app.engine.state.assignments[0]).toMatchObject({
      officerId: 'MET-ICE-01',
      toSuiteId: 'met-croydon',
      recommended: true,
      actor: 'test.duty_manager',
      demand: { pending: 3, inCustody: 3 },
    });
    // The same advice again no longer stands.
    const again = await dm.socket.emitWithAck('recommendation:accept', { officerId: 'MET-ICE-01', suiteId: 'met-croydon' });
    dm.close();
    expect(!again.ok && again.error.code).toBe('impossible_transition');
  });

  it('a forecast for a suite: today’s hours with actuals, then the next 12 hours', async () => {
    const forecast = await getJson<SuiteForecast>(`${server.url}/api/forecast/met-croydon`, server.cookies.duty_manager);
    expect(forecast.suiteId).toBe('met-croydon');
    const future = forecast.hours.filter((h) => h.at > server.clock.now());
    expect(future.length).toBeGreaterThanOrEqual(12);
    expect(future.every((h) => h.actual === null && h.expected >= 0)).toBe(true);
  });
});

describe('the performance pack', () => {
  it('has the same figures as the coverage report, as JSON and as CSV, and exporting is audited', async () => {
    const t = server.clock.now();
    await postIngest(server.url, { source: 'custody', events: [item('detainee.released', { custodyRef: 'MP/0301/26', disposal: 'bailed' }, t)] });
    const dm = new TestClient(server.url, server.cookies.duty_manager);
    await dm.hello();
    await dm.socket.emitWithAck('non-attendance:set-reason', { custodyRef: 'MP/0301/26', reason: 'other', note: 'Officer sick' });
    dm.close();
    const pack = await getJson<PerformancePack>(`${server.url}/api/reports/pack?from=2026-11-23&to=2026-11-24`, server.cookies.duty_manager);
    const coverage = await getJson<CoverageReport>(`${server.url}/api/coverage?from=2026-11-23&to=2026-11-24&groupBy=suite`, server.cookies.duty_manager);
    const croydon = pack.rows.find((r) => r.key === 'met-croydon')!;
    expect(croydon.figures).toEqual(coverage.rows.find((r) => r.key === 'met-croydon')!.figures);
    expect(croydon.nonAttendanceByReason).toEqual({ other: 1 });

    const csv = await fetch(`${server.url}/api/reports/pack?from=2026-11-23&to=2026-11-24&format=csv`, { headers: { cookie: server.cookies.duty_manager } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    const line = text.split('\r\n').find((l) => l.includes('"Croydon"'))!;
    expect(line).toContain(`"${croydon.figures.arrivals}"`);
    expect((await server.app.auth.allAudit()).some((e) => e.action === 'report.exported')).toBe(true);
  });
});

describe('point in time', () => {
  it('a replay at an earlier moment shows the state as it was then', async () => {
    const before = server.clock.now();
    server.clock.advance(10 * 60_000);
    await postIngest(server.url, { source: 'custody', events: [item('detainee.released', { custodyRef: 'MP/0303/26', disposal: 'charged' }, server.clock.now())] });
    const then = await getJson<Snapshot>(`${server.url}/api/replay?at=${before}`, server.cookies.duty_manager);
    const now = await getJson<Snapshot>(`${server.url}/api/snapshot`, server.cookies.duty_manager);
    expect(then.suites.find((s) => s.id === 'met-croydon')!.inCustody).toBe(3);
    expect(now.suites.find((s) => s.id === 'met-croydon')!.inCustody).toBe(2);
    expect(then.seq).toBeLessThan(now.seq);
  });

  it('the footfall review counts the day’s arrivals at each suite', async () => {
    const review = await getJson<FootfallReview>(`${server.url}/api/footfall-review?from=2026-11-23&to=2026-11-24`, server.cookies.duty_manager);
    const croydon = review.suites.find((s) => s.suiteId === 'met-croydon')!;
    expect(croydon.demand.reduce((a, b) => a + b, 0)).toBe(3);
    expect(croydon.demand).toHaveLength(168);
  });
});
