import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES, EVENTS, touchesOf, type DomainEvent, type EventType } from '../../protocol/index.js';
import { getJson, item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

/**
 * Findings 3 and 4 of the attacker's review (issue 10): a regional feed key moving another
 * region's case, a region check made outside the write queue, and old case timelines read without
 * one. Every region check now derives from what the event registry says a fact touches.
 */
const MET = 'Metropolitan Police';
const WM = 'West Midlands Police';
const DAY = 86_400_000;

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ regions: { duty_manager: [MET] } });
});
afterEach(() => server.stop());

async function regionalKey(source: string, region: string): Promise<string> {
  const res = await fetch(`${server.url}/api/admin/ingest-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: server.cookies.admin },
    body: JSON.stringify({ source, region }),
  });
  return ((await res.json()) as { data: { secret: string } }).data.secret;
}
const postWith = (key: string, body: unknown) =>
  fetch(`${server.url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
const booking = (custodyRef: string, suiteId: string, at: number) =>
  item('arrest.booked', { custodyRef, suiteId, nationality: 'RO', iabsMatch: true, relevantTime: at - 60_000, offenceCategory: 'theft' }, at);

describe('finding 3: a regional key writes only its own region, judged on the state the fact is applied to', () => {
  it("a Met key cannot transfer a West Midlands case into a Met suite (the case's region counts, not only the suite's)", async () => {
    const t = server.clock.now();
    await postIngest(server.url, { source: 'custody', events: [booking('WM/0001/26', 'wmp-perry-barr', t)] });
    const metKey = await regionalKey('met-custody', MET);
    const seq = server.app.engine.seq;
    const res = await postWith(metKey, { source: 'met-custody', events: [item('case.transferred', { custodyRef: 'WM/0001/26', toSuiteId: 'met-brixton' }, t)] });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/case WM\/0001\/26 is outside Metropolitan Police/);
    expect(server.app.engine.seq).toBe(seq);
  });

  it('a fact racing the booking it names is judged on the state it lands on: never written for another region', async () => {
    const t = server.clock.now();
    const metKey = await regionalKey('met-custody', MET);
    const wmKey = await regionalKey('wm-custody', WM);
    for (let i = 0; i < 20; i++) {
      const ref = `WM/RACE/${i}`;
      // The West Midlands booking and a Met feed's referral of the same reference, sent together.
      const [booked, referral] = await Promise.all([
        postWith(wmKey, { source: 'wm-custody', events: [booking(ref, 'wmp-perry-barr', t)] }),
        postWith(metKey, { source: 'met-custody', events: [item('case.referred', { custodyRef: ref }, t)] }),
      ]);
      expect(booked.status).toBe(200);
      expect([403, 422]).toContain(referral.status); // forbidden after the booking, unknown case before it
    }
    const log = await getJson<{ type: string }[]>(`${server.url}/api/events?after=0&limit=1000`, server.cookies.admin);
    expect(log.filter((e) => e.type === 'case.referred')).toEqual([]);
  });

  it('a regional duty manager cannot acknowledge an alert about another region', async () => {
    const t = server.clock.now();
    await postIngest(server.url, {
      source: 'custody',
      events: [item('arrest.booked', { custodyRef: 'WM/0009/26', suiteId: 'wmp-perry-barr', nationality: 'RO', iabsMatch: true, relevantTime: t - 21 * 3_600_000, offenceCategory: 'theft' }, t)],
    });
    const manager = new TestClient(server.url, server.cookies.duty_manager); // Met only
    await manager.hello();
    const reply = await manager.socket.emitWithAck('alert:acknowledge', { alertId: 'pace_running_out:WM/0009/26', note: null });
    manager.close();
    expect(!reply.ok && reply.error.code).toBe('forbidden');
  });

  it('every fact type says what it touches, and a case fact names its case', () => {
    const sample: Record<string, unknown> = { custodyRef: 'X/1', suiteId: 's', toSuiteId: 't', origin: { kind: 'not_recorded' }, officerId: 'O-1', positions: [{ officerId: 'O-2' }], alertId: 'suite_overloaded:s' };
    for (const type of Object.keys(EVENTS) as EventType[]) {
      const touches = touchesOf({ type, data: sample } as unknown as DomainEvent);
      const named = [...(touches.suites ?? []), ...(touches.officers ?? []), ...(touches.cases ?? [])];
      expect(named.length > 0 || touches.national === true, type).toBe(true);
      if ((CASE_EVENT_TYPES as readonly string[]).includes(type) && type !== 'arrest.booked') expect(touches.cases, type).toEqual(['X/1']);
    }
  });
});

describe('finding 4: an old case timeline is checked like a new one', () => {
  it('a Met duty manager cannot read a West Midlands case released long ago (no longer held in memory)', async () => {
    const old = server.clock.now() - 60 * DAY;
    await postIngest(server.url, {
      source: 'custody',
      events: [booking('WM/0002/26', 'wmp-perry-barr', old), item('detainee.released', { custodyRef: 'WM/0002/26', disposal: 'bailed' }, old + 3_600_000)],
    });
    // A release today prunes what was released more than 35 days ago from memory.
    const t = server.clock.now();
    await postIngest(server.url, { source: 'custody', events: [booking('MP/0003/26', 'met-brixton', t), item('detainee.released', { custodyRef: 'MP/0003/26', disposal: 'bailed' }, t)] });
    expect(server.app.engine.state.closedCases.has('WM/0002/26')).toBe(false);

    const timeline = (ref: string, cookie: string) => fetch(`${server.url}/api/cases/${encodeURIComponent(ref)}/timeline`, { headers: { cookie } });
    expect((await timeline('WM/0002/26', server.cookies.duty_manager)).status).toBe(403);
    expect((await timeline('MP/0003/26', server.cookies.duty_manager)).status).toBe(200);
    expect((await timeline('WM/0002/26', server.cookies.ccu_operator)).status).toBe(200); // national
  });
});
