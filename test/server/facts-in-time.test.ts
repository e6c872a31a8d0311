import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

/**
 * Findings 8 and 9 of the attacker's review (issue 10): a suite overload acknowledged once stayed
 * acknowledged for ever, and facts could put a person in custody in the future or for ever.
 */
const HOUR = 3_600_000;
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.stop());

const booking = (custodyRef: string, suiteId: string, relevantTime: number, at = relevantTime + 60_000) =>
  item('arrest.booked', { custodyRef, suiteId, nationality: 'RO', iabsMatch: true, relevantTime, offenceCategory: 'theft' }, at);
const overload = () => server.app.engine.derived().alerts.find((a) => a.id === 'suite_overloaded:met-croydon');

describe('finding 8: acknowledging a suite overload covers it for a while, not for ever', () => {
  it('after the acknowledgement lapses the overload asks again, and can be acknowledged again', async () => {
    const t = server.clock.now();
    const events = [1, 2, 3, 4, 5].map((n) => booking(`MP/OV/${n}`, 'met-croydon', t - HOUR));
    expect((await postIngest(server.url, { source: 'custody', events })).status).toBe(200);
    expect(overload()?.acknowledged).toBeNull();

    const ccu = new TestClient(server.url, server.cookies.ccu_operator);
    await ccu.hello();
    const acknowledge = () => ccu.socket.emitWithAck('alert:acknowledge', { alertId: 'suite_overloaded:met-croydon', note: 'CCU taking them' });
    expect((await acknowledge()).ok).toBe(true);
    expect(overload()?.acknowledged?.by).toBe('test.ccu_operator');
    const again = await acknowledge();
    expect(!again.ok && again.error.code).toBe('impossible_transition');

    server.clock.advance(server.app.config.alerts.overloadAckMs);
    expect(overload()).toBeDefined();
    expect(overload()?.acknowledged).toBeNull();
    expect((await acknowledge()).ok).toBe(true);
    ccu.close();
  });
});

describe('finding 9: nobody is in custody in the future, or for ever', () => {
  it('an arrest whose PACE clock starts a day after its booking is refused', async () => {
    const t = server.clock.now();
    const seq = server.app.engine.seq;
    const res = await postIngest(server.url, { source: 'custody', events: [booking('MP/FUT/1', 'met-brixton', t + 24 * HOUR, t)] });
    expect(res.status).toBe(400);
    expect(!res.json.ok && res.json.error.message).toMatch(/relevantTime .* is after the booking/);
    expect(server.app.engine.seq).toBe(seq);
  });

  it('a booking made after the longest lawful detention had run out is refused', async () => {
    const t = server.clock.now();
    const res = await postIngest(server.url, { source: 'custody', events: [booking('MP/LATE/1', 'met-brixton', t - 100 * HOUR, t)] });
    expect(res.status).toBe(400);
    expect(!res.json.ok && res.json.error.message).toMatch(/more than 96 h/);
  });

  it('a year-old arrest with no outcome is recorded but does not count as in custody today', async () => {
    // The log's own time is today: something happened just now.
    await postIngest(server.url, { source: 'roster', events: [item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }, server.clock.now())] });
    const yearAgo = server.clock.now() - 365 * 24 * HOUR;
    expect((await postIngest(server.url, { source: 'custody', events: [booking('MP/OLD/1', 'met-brixton', yearAgo)] })).status).toBe(200);
    const state = server.app.engine.state;
    expect(state.cases.has('MP/OLD/1')).toBe(false);
    expect(state.closedCases.get('MP/OLD/1')?.released?.disposal).toBe('not_recorded');
    expect(state.suites.get('met-brixton')?.inCustody).toBe(0);
  });

  it('history sent late (a booking and its release, a week old) is taken as it happened: the real release replaces the inference', async () => {
    await postIngest(server.url, { source: 'roster', events: [item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }, server.clock.now())] });
    const weekAgo = server.clock.now() - 7 * 24 * HOUR;
    const res = await postIngest(server.url, {
      source: 'custody',
      events: [booking('MP/HIST/1', 'met-brixton', weekAgo), item('detainee.released', { custodyRef: 'MP/HIST/1', disposal: 'charged' }, weekAgo + 5 * HOUR)],
    });
    expect(res.status).toBe(200);
    expect(server.app.engine.state.closedCases.get('MP/HIST/1')?.released).toMatchObject({ at: weekAgo + 5 * HOUR, disposal: 'charged' });
    // A second real release is still refused.
    const again = await postIngest(server.url, { source: 'custody', events: [item('detainee.released', { custodyRef: 'MP/HIST/1', disposal: 'bailed' }, weekAgo + 6 * HOUR)] });
    expect(again.status).toBe(422);
  });

  it('a case whose release is never reported leaves custody a day after the longest detention ran out', async () => {
    const t = server.clock.now();
    await postIngest(server.url, { source: 'custody', events: [booking('MP/GONE/1', 'met-brixton', t - HOUR)] });
    const viewer = new TestClient(server.url, server.cookies.duty_manager);
    await viewer.hello();
    expect(server.app.engine.state.suites.get('met-brixton')?.inCustody).toBe(1);

    // 96 h of detention and a day's grace later, any fact at all moves the log's time past it.
    const later = t - HOUR + 120 * HOUR + HOUR;
    server.clock.set(later);
    const moved = await postIngest(server.url, { source: 'roster', events: [item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }, later)] });
    expect(moved.status).toBe(200);
    const kase = server.app.engine.state.closedCases.get('MP/GONE/1');
    expect(kase?.released).toMatchObject({ at: t - HOUR + 96 * HOUR, disposal: 'not_recorded' });
    expect(server.app.engine.state.suites.get('met-brixton')?.inCustody).toBe(0);
    // Screens are told in the same delta.
    await viewer.waitForSeq(server.app.engine.seq);
    const last = viewer.deltas.at(-1)!;
    expect(last.patch.cases?.map((c) => [c.custodyRef, c.released?.disposal])).toEqual([['MP/GONE/1', 'not_recorded']]);
    expect(last.patch.suites?.find((s) => s.id === 'met-brixton')?.inCustody).toBe(0);
    viewer.close();
  });
});
