import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../protocol/index.js';
import { sessionCookie, TEST_OFFICER_CALL_SIGN } from '../support/auth.js';
import { item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

/**
 * Issue 12: the officer's side of a move, through the real server. MET-IO-01 (test.officer) is at
 * Brixton; MET-ICE-01 (ice.one, an officer account of its own) is free. Every command is an event
 * with the officer as actor, on every screen at once; an officer acts only as their own call sign
 * and only for the people at their own suite.
 */
let server: TestServer;
let ice: string;
let unlinked: string;
const clients: TestClient[] = [];
const open = async (cookie: string) => {
  const c = new TestClient(server.url, cookie);
  clients.push(c);
  await c.hello();
  return c;
};
const ok = (reply: Ack<{ seq: number }>) => {
  if (!reply.ok) throw new Error(`refused: ${reply.error.code} ${reply.error.message}`);
  return reply.data.seq;
};
const code = (reply: Ack<unknown>) => (reply.ok ? 'ok' : reply.error.code);

beforeAll(async () => {
  server = await startTestServer({ regions: { duty_manager: ['Metropolitan Police'], officer: ['Metropolitan Police'] } });
  const t = server.clock.now();
  const feed = await postIngest(server.url, {
    source: 'custody',
    events: [
      item('officer.rostered', { officerId: TEST_OFFICER_CALL_SIGN, status: 'available' }, t),
      item('officer.arrived', { officerId: TEST_OFFICER_CALL_SIGN, suiteId: 'met-brixton' }, t),
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, t),
      item('arrest.booked', { custodyRef: 'MP/0001/26', suiteId: 'met-croydon', nationality: 'AL', iabsMatch: true, relevantTime: t - 3_600_000, offenceCategory: 'theft' }, t),
      item('arrest.booked', { custodyRef: 'MP/0002/26', suiteId: 'met-brixton', nationality: 'RO', iabsMatch: true, relevantTime: t - 3_600_000, offenceCategory: 'theft' }, t),
      item('arrest.booked', { custodyRef: 'MP/0003/26', suiteId: 'met-croydon', nationality: 'PL', iabsMatch: true, relevantTime: t - 3_600_000, offenceCategory: 'theft' }, t),
    ],
  });
  expect(feed.status).toBe(200);
  const { auth } = server.app;
  const account = await auth.createUser({ username: 'ice.one', passwordHash: 'x', role: 'officer', regions: ['Metropolitan Police'], callSign: 'MET-ICE-01', createdAt: Date.now() });
  ice = await sessionCookie(auth, account.id);
  const old = await auth.createUser({ username: 'io.unlinked', passwordHash: 'x', role: 'officer', regions: ['Metropolitan Police'], callSign: null, createdAt: Date.now() });
  unlinked = await sessionCookie(auth, old.id);
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  await server.stop();
});

describe('the loop: move, acknowledge, arrive, check', () => {
  it('every step is an event with the officer as actor, seen by the duty manager at once', async () => {
    const manager = await open(server.cookies.duty_manager);
    const officer = await open(ice);

    const moved = ok(await manager.assign('MET-ICE-01', 'met-croydon', 'Two waiting at Croydon'));
    await officer.waitForSeq(moved);
    const mine = officer.deltas.find((d) => d.seq === moved)?.patch.officers?.find((o) => o.id === 'MET-ICE-01');
    expect(mine?.move).toMatchObject({ seq: moved, by: 'test.duty_manager', reason: 'Two waiting at Croydon', toSuiteId: 'met-croydon', origin: { kind: 'available' }, acknowledgedAt: null });

    const acked = ok(await officer.socket.emitWithAck('officer:acknowledge', { officerId: 'MET-ICE-01', moveSeq: moved }));
    await manager.waitForSeq(acked);
    const seen = manager.deltas.find((d) => d.seq === acked)!;
    expect(seen).toMatchObject({ type: 'officer.acknowledged', actor: 'ice.one', source: 'command' });
    expect(seen.patch.officers?.[0]?.move?.acknowledgedAt).toBe(seen.at);

    const arrived = ok(await officer.socket.emitWithAck('officer:arrive', { officerId: 'MET-ICE-01', suiteId: 'met-croydon' }));
    await manager.waitForSeq(arrived);
    expect(manager.deltas.find((d) => d.seq === arrived)).toMatchObject({ type: 'officer.arrived', actor: 'ice.one', patch: { officers: [{ status: 'at_suite', suiteId: 'met-croydon' }] } });

    const started = ok(await officer.socket.emitWithAck('case:start-check', { custodyRef: 'MP/0001/26', mode: 'face_to_face' }));
    await manager.waitForSeq(started);
    expect(manager.deltas.find((d) => d.seq === started)?.patch.cases?.[0]?.checkStarted).toMatchObject({ officerId: 'MET-ICE-01', by: 'ice.one', mode: 'face_to_face' });

    // The CCU cannot record a check the officer holds.
    const ccu = await open(server.cookies.ccu_operator);
    expect(code(await ccu.socket.emitWithAck('case:record-check', { custodyRef: 'MP/0001/26', mode: 'remote', outcome: 'no_trace' }))).toBe('forbidden');

    const recorded = ok(await officer.socket.emitWithAck('case:record-check', { custodyRef: 'MP/0001/26', mode: 'face_to_face', outcome: 'lawfully_present' }));
    await manager.waitForSeq(recorded);
    expect(manager.deltas.find((d) => d.seq === recorded)?.patch.cases?.[0]).toMatchObject({ custodyRef: 'MP/0001/26', check: { officerId: 'MET-ICE-01', outcome: 'lawfully_present' } });
    expect(server.app.engine.state.suites.get('met-croydon')?.pendingChecks).toBe(1); // MP/0003/26 still waits

    // The log and the audit trail both name the officer.
    const log = server.app.engine.state.cases.get('MP/0001/26');
    expect(log?.check?.officerId).toBe('MET-ICE-01');
    const audit = await server.app.auth.listAudit({ actor: 'ice.one', limit: 20 });
    expect(audit.map((e) => e.action).reverse()).toEqual(['officer:acknowledge', 'officer:arrive', 'case:start-check', 'case:record-check']);
  });
});

describe('an officer acts only as their own call sign, for their own suite', () => {
  it('refuses acting for another call sign', async () => {
    const officer = await open(server.cookies.officer); // MET-IO-01
    expect(code(await officer.socket.emitWithAck('officer:set-status', { officerId: 'MET-ICE-01', status: 'off_duty' }))).toBe('forbidden');
    expect(code(await officer.socket.emitWithAck('officer:arrive', { officerId: 'MET-ICE-01', suiteId: 'met-croydon' }))).toBe('forbidden');
    expect(code(await officer.socket.emitWithAck('case:cannot-attend', { custodyRef: 'MP/0002/26', officerId: 'MET-ICE-01', reason: 'end_of_shift', note: null }))).toBe('forbidden');
    expect(server.app.engine.state.officers.get('MET-ICE-01')?.status).toBe('at_suite');
  });

  it("refuses checking, or declining, someone at another suite", async () => {
    const officer = await open(server.cookies.officer); // at Brixton; MP/0003/26 is at Croydon
    expect(code(await officer.socket.emitWithAck('case:start-check', { custodyRef: 'MP/0003/26', mode: 'face_to_face' }))).toBe('forbidden');
    expect(code(await officer.socket.emitWithAck('case:record-check', { custodyRef: 'MP/0003/26', mode: 'face_to_face', outcome: 'no_trace' }))).toBe('forbidden');
    expect(code(await officer.socket.emitWithAck('case:cannot-attend', { custodyRef: 'MP/0003/26', officerId: TEST_OFFICER_CALL_SIGN, reason: 'end_of_shift', note: null }))).toBe('forbidden');
    expect(server.app.engine.state.cases.get('MP/0003/26')).toMatchObject({ checkStarted: null, declined: null });
  });

  it('an officer account not linked to a call sign can do nothing', async () => {
    const officer = await open(unlinked);
    expect(code(await officer.socket.emitWithAck('officer:set-status', { officerId: TEST_OFFICER_CALL_SIGN, status: 'off_duty' }))).toBe('forbidden');
    expect(code(await officer.socket.emitWithAck('case:start-check', { custodyRef: 'MP/0002/26', mode: 'face_to_face' }))).toBe('forbidden');
  });
});

describe('"cannot attend", release and the unacknowledged move', () => {
  it('"cannot attend" puts the case in the CCU queue and the duty manager sees why within a second', async () => {
    const manager = await open(server.cookies.duty_manager);
    const derived = manager.waitForDerived((d) => d.alerts.some((a) => a.kind === 'cannot_attend'));
    const officer = await open(server.cookies.officer);
    ok(await officer.socket.emitWithAck('case:cannot-attend', { custodyRef: 'MP/0002/26', officerId: TEST_OFFICER_CALL_SIGN, reason: 'busy_with_another_case', note: null }));
    const seen = await derived;
    expect(seen.ccuQueue).toContain('MP/0002/26');
    expect(seen.alerts.find((a) => a.kind === 'cannot_attend')).toMatchObject({ id: 'cannot_attend:MP/0002/26', suiteId: 'met-brixton', message: expect.stringMatching(/MET-IO-01 cannot attend MP\/0002\/26 at Brixton: Busy with another case/) });
  });

  it('a duty manager releases a check someone took, so someone else can record it', async () => {
    const ccu = await open(server.cookies.ccu_operator);
    ok(await ccu.socket.emitWithAck('case:start-check', { custodyRef: 'MP/0002/26', mode: 'remote' }));
    const officer = await open(server.cookies.officer);
    expect(code(await officer.socket.emitWithAck('case:record-check', { custodyRef: 'MP/0002/26', mode: 'face_to_face', outcome: 'no_trace' }))).toBe('forbidden');
    expect(code(await ccu.socket.emitWithAck('case:release-check', { custodyRef: 'MP/0002/26', note: null }))).toBe('forbidden'); // not a CCU operator's to release
    const manager = await open(server.cookies.duty_manager);
    ok(await manager.socket.emitWithAck('case:release-check', { custodyRef: 'MP/0002/26', note: 'Operator off shift' }));
    ok(await officer.socket.emitWithAck('case:record-check', { custodyRef: 'MP/0002/26', mode: 'face_to_face', outcome: 'no_trace' }));
  });

  it('a move left unacknowledged past NEXUS_ALERT_MOVE_ACK_MINUTES alerts the duty managers of that region', async () => {
    const manager = await open(server.cookies.duty_manager);
    ok(await manager.assign('MET-ICE-01', 'met-brixton', 'Cover Brixton'));
    expect(server.app.engine.derived().alerts.filter((a) => a.kind === 'move_unacknowledged')).toEqual([]);
    server.clock.advance(server.app.config.alerts.moveAckMs + 60_000);
    const alert = server.app.engine.derived().alerts.find((a) => a.kind === 'move_unacknowledged');
    expect(alert).toMatchObject({ id: 'move_unacknowledged:MET-ICE-01', suiteId: 'met-brixton', acknowledged: null });
    // Over the wire: to the duty managers (who see officers), not to the CCU (who do not).
    const pushed = async (cookie: string) => {
      const c = await open(cookie);
      c.socket.disconnect().connect();
      await c.hello(c.lastSeq);
      return c.derived!.view.alerts.map((a) => a.kind);
    };
    expect(await pushed(server.cookies.duty_manager)).toContain('move_unacknowledged');
    expect(await pushed(server.cookies.ccu_operator)).not.toContain('move_unacknowledged');
    // The duty manager acknowledges the alert (they phoned the officer): recorded with who and when.
    ok(await manager.socket.emitWithAck('alert:acknowledge', { alertId: 'move_unacknowledged:MET-ICE-01', note: 'Phoned' }));
    expect(server.app.engine.derived().alerts.find((a) => a.kind === 'move_unacknowledged')?.acknowledged).toMatchObject({ by: 'test.duty_manager' });
  });

  it('a wall display sees officers and their moves, but not who sent them', async () => {
    const wall = new TestClient(server.url, server.cookies.wall);
    clients.push(wall);
    const reply = await wall.hello(null);
    if (reply.mode !== 'snapshot') throw new Error('expected a snapshot');
    const moved = reply.snapshot.officers.find((o) => o.id === 'MET-ICE-01');
    expect(moved?.move).toMatchObject({ toSuiteId: 'met-brixton', by: '' });
  });
});
