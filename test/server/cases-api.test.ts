import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoverageReport, EtdReport, LiveDerived, NonAttendanceRegister, TimelineEntry } from '../../protocol/index.js';
import { decidePublishHighHarm } from '../../server/domain/index.js';
import { highHarmV1, HOUR } from '../support/reference.js';
import { getJson, item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

let server: TestServer;
let client: TestClient;
let manager: TestClient;
let admin: TestClient;

beforeEach(async () => {
  server = await startTestServer();
  await server.app.engine.execute((state) => decidePublishHighHarm(state, highHarmV1, 'test'), 'system');
  const t = server.clock.now();
  const r = await postIngest(server.url, {
    source: 'custody',
    events: [
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, t),
      item('arrest.booked', { custodyRef: 'MP/0001/26', suiteId: 'met-brixton', nationality: 'AL', iabsMatch: true, relevantTime: t - 3 * HOUR, offenceCategory: 'rape' }, t),
      item('arrest.booked', { custodyRef: 'MP/0002/26', suiteId: 'met-brixton', nationality: 'RO', iabsMatch: false, relevantTime: t - 21 * HOUR, offenceCategory: 'theft' }, t),
      item('case.referred', { custodyRef: 'MP/0002/26' }, t - 20 * HOUR),
    ],
  });
  expect(r.status).toBe(200);
  client = new TestClient(server.url, server.cookies.ccu_operator);
  manager = new TestClient(server.url, server.cookies.duty_manager);
  admin = new TestClient(server.url, server.cookies.admin);
  await manager.hello();
  await admin.hello();
  await client.hello();
});

afterEach(async () => {
  client.close();
  manager.close();
  admin.close();
  await server.stop();
});

describe('cases over the wire', () => {
  it('a CCU operator takes a case from the remote queue and records the check', async () => {
    const derived = server.app.engine.derived();
    expect(derived.ccuQueue).toEqual(['MP/0001/26', 'MP/0002/26']); // High Harm first; nobody at Brixton
    const taken = await client.socket.emitWithAck('case:start-check', { custodyRef: 'MP/0001/26', mode: 'remote' });
    expect(taken.ok).toBe(true);
    expect(server.app.engine.derived().ccuQueue).toEqual(['MP/0002/26']);
    const again = await client.socket.emitWithAck('case:start-check', { custodyRef: 'MP/0001/26', mode: 'remote' });
    expect(!again.ok && again.error.code).toBe('impossible_transition');

    const recorded = await client.socket.emitWithAck('case:record-check', { custodyRef: 'MP/0001/26', mode: 'remote', outcome: 'lawfully_present' });
    expect(recorded.ok).toBe(true);
    await client.waitForSeq(server.app.engine.seq);
    const delta = client.deltas.at(-1)!;
    expect(delta).toMatchObject({ type: 'check.completed', actor: 'test.ccu_operator' });
    expect(delta.patch.cases?.[0]).toMatchObject({ custodyRef: 'MP/0001/26', check: { mode: 'remote', outcome: 'lawfully_present', officerId: null } });
    expect(delta.patch.suites?.[0]).toMatchObject({ id: 'met-brixton', pendingChecks: 1, today: { checked: 1 } });
    expect(delta.patch.suites?.[0]).not.toHaveProperty('name'); // reference data came with the snapshot
  });

  it('alerts: High Harm waiting over an hour and PACE running out, acknowledged once by a person', async () => {
    const derived: LiveDerived = server.app.engine.derived();
    const ids = derived.alerts.map((a) => a.id);
    expect(ids).toContain('high_harm_waiting:MP/0001/26');
    expect(ids).toContain('pace_running_out:MP/0002/26');
    const ack = await client.socket.emitWithAck('alert:acknowledge', { alertId: 'pace_running_out:MP/0002/26', note: 'CCU called' });
    expect(ack.ok).toBe(true);
    const after = server.app.engine.derived().alerts.find((a) => a.id === 'pace_running_out:MP/0002/26');
    expect(after?.acknowledged).toMatchObject({ by: 'test.ccu_operator', note: 'CCU called' });
    const twice = await client.socket.emitWithAck('alert:acknowledge', { alertId: 'pace_running_out:MP/0002/26', note: null });
    expect(!twice.ok && twice.error.code).toBe('impossible_transition');
    const unknown = await client.socket.emitWithAck('alert:acknowledge', { alertId: 'pace_running_out:NOPE', note: null });
    expect(!unknown.ok && unknown.error.code).toBe('unknown_alert');
  });

  it('a release without attendance enters the register at once, with a reason a manager can correct', async () => {
    const t = server.clock.now();
    await postIngest(server.url, { source: 'custody', events: [item('detainee.released', { custodyRef: 'MP/0002/26', disposal: 'bailed' }, t)] });
    const register = await getJson<NonAttendanceRegister>(`${server.url}/api/non-attendances`, server.cookies.duty_manager);
    expect(register.rows.map((r) => r.custodyRef)).toEqual(['MP/0002/26']);
    expect(register.rows[0]!.nonAttendance).toEqual({ reason: 'no_officer_available', auto: true, note: null });
    expect(register.counts).toMatchObject({ total: 1, byReason: { no_officer_available: 1 }, bySuite: { 'met-brixton': 1 } });

    const corrected = await manager.socket.emitWithAck('non-attendance:set-reason', { custodyRef: 'MP/0002/26', reason: 'travel_time', note: 'Officer stuck on the A23' });
    expect(corrected.ok).toBe(true);
    const after = await getJson<NonAttendanceRegister>(`${server.url}/api/non-attendances?reason=travel_time`, server.cookies.duty_manager);
    expect(after.rows[0]!.nonAttendance).toEqual({ reason: 'travel_time', auto: false, note: 'Officer stuck on the A23' });
    const wrongCase = await manager.socket.emitWithAck('non-attendance:set-reason', { custodyRef: 'MP/0001/26', reason: 'other', note: null });
    expect(!wrongCase.ok && wrongCase.error.code).toBe('impossible_transition');
  });

  it('the ERF timeline lists one case, in the order things happened, with who recorded them', async () => {
    const timeline = await getJson<TimelineEntry[]>(`${server.url}/api/cases/${encodeURIComponent('MP/0002/26')}/timeline`, server.cookies.duty_manager);
    expect(timeline.map((e) => e.type)).toEqual(['case.referred', 'arrest.booked']);
    // The referral happened (20 h ago) before it was recorded with the booking: both times are kept.
    expect(timeline[0]!.at).toBeLessThan(timeline[0]!.recordedAt);
    const missing = await fetch(`${server.url}/api/cases/${encodeURIComponent('MP/9999/26')}/timeline`, { headers: { cookie: server.cookies.duty_manager } });
    expect(missing.status).toBe(422);
  });

  it('coverage today: arrivals, checks, coverage and median time to check, per suite and region', async () => {
    await client.socket.emitWithAck('case:record-check', { custodyRef: 'MP/0001/26', mode: 'remote', outcome: 'no_trace' });
    const bySuite = await getJson<CoverageReport>(`${server.url}/api/coverage?groupBy=suite`, server.cookies.duty_manager);
    expect(bySuite.rows).toEqual([{ key: 'met-brixton', figures: { arrivals: 1, checked: 1, coveragePct: 100, medianMinutesToCheck: 180, nonAttendances: 0 } }]);
    const twoDays = await getJson<CoverageReport>(`${server.url}/api/coverage?groupBy=region&from=2026-11-23&to=2026-11-24`, server.cookies.duty_manager);
    expect(twoDays.total).toEqual({ arrivals: 2, checked: 1, coveragePct: 50, medianMinutesToCheck: 180, nonAttendances: 0 });
    expect((await fetch(`${server.url}/api/coverage?from=yesterday`, { headers: { cookie: server.cookies.duty_manager } })).status).toBe(400);
  });

  it('publishing a High Harm version that loosens the national definition is refused and changes nothing', async () => {
    const seq = server.app.engine.seq;
    const looser = { ...highHarmV1, national: { ...highHarmV1.national, repeatThreshold: 2 } };
    const refused = await admin.socket.emitWithAck('high-harm:publish', { definition: looser, reason: 'try' });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'invalid_rule_set', message: expect.stringMatching(/floor \(3\) is above/) });
    expect(server.app.engine.seq).toBe(seq);
    const ok = await admin.socket.emitWithAck('high-harm:publish', { definition: highHarmV1, reason: 'Re-issued unchanged' });
    expect(ok.ok).toBe(true);
    expect(server.app.engine.state.highHarm).toMatchObject({ version: 2, publishedBy: 'test.admin', reason: 'Re-issued unchanged' });
  });
});

describe('ETD completion (recommendation 4)', () => {
  it('counts required and applied per suite and per deciding officer', async () => {
    const t = server.clock.now();
    const r = await postIngest(server.url, {
      source: 'custody',
      events: [
        item('officer.arrived', { officerId: 'MET-ICE-01', suiteId: 'met-brixton' }, t),
        item('check.completed', { custodyRef: 'MP/0002/26', officerId: 'MET-ICE-01', mode: 'face_to_face', outcome: 'immigration_offender' }, t),
        item('decision.made', { custodyRef: 'MP/0002/26', officerId: 'MET-ICE-01', decision: 'papers_served' }, t),
        item('check.completed', { custodyRef: 'MP/0001/26', officerId: 'MET-ICE-01', mode: 'face_to_face', outcome: 'subject_to_removal' }, t),
        item('decision.made', { custodyRef: 'MP/0001/26', officerId: 'MET-ICE-01', decision: 'detained_immigration_powers' }, t),
        item('etd.applied', { custodyRef: 'MP/0001/26', officerId: 'MET-ICE-01' }, t),
      ],
    });
    expect(r.status).toBe(200);
    const report = await getJson<EtdReport>(`${server.url}/api/etd`, server.cookies.duty_manager);
    expect(report.total).toEqual({ required: 2, applied: 1, ratePct: 50 });
    expect(report.bySuite).toEqual([{ key: 'met-brixton', required: 2, applied: 1, ratePct: 50 }]);
    expect(report.byOfficer).toEqual([{ key: 'MET-ICE-01', required: 2, applied: 1, ratePct: 50 }]);
    // The one not applied for raises an alert before the person leaves custody.
    expect(server.app.engine.derived().alerts.map((a) => a.id)).toContain('etd_missing:MP/0002/26');
  });
});
