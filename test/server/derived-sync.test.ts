import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type DerivedUpdate, type HeldDerived } from '../../protocol/index.js';
import { decidePublishHighHarm } from '../../server/domain/index.js';
import { highHarmV1, HOUR, MINUTE, T0 } from '../support/reference.js';
import { item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

/**
 * The derived view (alerts, CCU queue, capacity) as numbered changes over a real server and real
 * sockets (decision 58): a screen that comes back gets exactly what it missed and then holds what
 * a fresh screen holds; time alone brings changes; no scope's changes carry what it may not see.
 */
let server: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server?.stop();
  server = null;
});

async function started(): Promise<TestServer> {
  server = await startTestServer({ env: { NEXUS_DERIVED_MS: '150' }, regions: { ccu_operator: ['West Midlands Police'] } });
  await server.app.engine.execute((state) => decidePublishHighHarm(state, highHarmV1, 'test'), 'system');
  const r = await postIngest(server.url, {
    source: 'custody',
    events: [
      item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }),
      item('officer.arrived', { officerId: 'MET-IO-01', suiteId: 'met-brixton' }),
      ...['MP/0001/26', 'MP/0002/26', 'MP/0003/26', 'MP/0004/26'].map((custodyRef, i) => booking(custodyRef, 'met-brixton', i % 2 ? 'murder' : 'theft')),
      booking('WM/0001/26', 'wmp-perry-barr', 'theft'),
    ],
  });
  expect(r.status).toBe(200);
  return server;
}

function booking(custodyRef: string, suiteId: string, offenceCategory: 'murder' | 'theft') {
  return item('arrest.booked', { custodyRef, suiteId, nationality: 'PL', iabsMatch: true, relevantTime: T0 - 30 * MINUTE, offenceCategory });
}

async function open(s: TestServer, cookie: string): Promise<TestClient> {
  const c = new TestClient(s.url, cookie);
  clients.push(c);
  await c.hello(null);
  return c;
}

/** Waits until every screen holds the same version of its feed (no update in flight). */
async function settled(...screens: TestClient[]): Promise<HeldDerived[]> {
  const end = Date.now() + 5_000;
  for (;;) {
    const held = screens.map((c) => c.derived!);
    if (held.every((h) => h.cursor.feed === held[0]!.cursor.feed && h.cursor.version === held[0]!.cursor.version)) return held;
    if (Date.now() > end) throw new Error(`screens not on one version: ${JSON.stringify(held.map((h) => h.cursor))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the derived view over the wire', () => {
  it('a screen that reconnects gets exactly the changes it missed, then holds what a fresh screen holds', async () => {
    const s = await started();
    const away = await open(s, s.cookies.duty_manager);
    const staying = await open(s, s.cookies.duty_manager);
    await away.waitForDerived((d) => d.ccuQueue.length > 0);
    const left = away.derived!.cursor;
    away.socket.disconnect();

    // While it is away: facts, and time alone (the High Harm cases pass an hour's wait; no fact says so).
    expect((await postIngest(s.url, { source: 'custody', events: [item('detainee.released', { custodyRef: 'MP/0001/26', disposal: 'bailed' }), booking('MP/0005/26', 'met-croydon', 'murder')] })).status).toBe(200);
    await staying.waitForDerived((d) => d.ccuQueue.includes('MP/0005/26'));
    s.clock.advance(HOUR);
    const waiting = await staying.waitForDerived((d) => d.alerts.some((a) => a.kind === 'high_harm_waiting'));
    expect(waiting.alerts.filter((a) => a.kind === 'high_harm_waiting').map((a) => a.custodyRef)).toEqual(['MP/0002/26', 'MP/0004/26', 'MP/0005/26']);

    away.socket.connect();
    const before = away.derivedUpdates.length;
    const reply = await away.hello();
    expect(reply.mode).toBe('deltas');
    const caughtUp = away.derivedUpdates.slice(before, before + reply.derived.length);
    // Only changes, numbered on from where the screen left, none missing, none twice.
    expect(caughtUp.every((u) => u.kind === 'change' && u.feed === left.feed)).toBe(true);
    expect(caughtUp.map((u) => u.version)).toEqual(Array.from({ length: caughtUp.length }, (_, i) => left.version + 1 + i));
    expect(caughtUp.length).toBeGreaterThanOrEqual(2);

    const fresh = await open(s, s.cookies.duty_manager);
    const [back, newcomer, stayed] = await settled(away, fresh, staying);
    expect(back!.view).toEqual(newcomer!.view);
    expect(back!.view).toEqual(stayed!.view);
    expect(away.derivedBroken || fresh.derivedBroken || staying.derivedBroken).toBe(false);
  });

  it('a screen that asks without its version, or with a version this node never issued, gets the view whole', async () => {
    const s = await started();
    const screen = await open(s, s.cookies.duty_manager);
    await screen.waitForDerived((d) => d.ccuQueue.length > 0);
    const reply = await screen.hello(screen.lastSeq, 'whole');
    expect(reply.derived.map((u) => u.kind)).toEqual(['whole']);
    const forged = await new Promise<DerivedUpdate[]>((resolve, reject) =>
      screen.socket.emit('sync:hello', { protocolVersion: PROTOCOL_VERSION, lastSeq: screen.lastSeq, derived: { feed: 'not-a-feed', version: 3 } }, (r) => (r.ok ? resolve(r.data.derived) : reject(new Error(r.error.message)))),
    );
    expect(forged.map((u) => u.kind)).toEqual(['whole']);
  });

  it('no scope is sent what it may not see: not in changes, not in resumes, not with another scope\'s version', async () => {
    const s = await started();
    const manager = await open(s, s.cookies.duty_manager);
    const liaison = await open(s, s.cookies.police_liaison);
    const wall = await open(s, s.cookies.wall);
    const westMidlands = await open(s, s.cookies.ccu_operator);
    const liaisonWire: string[] = [];

    s.clock.advance(HOUR);
    await postIngest(s.url, { source: 'custody', events: [booking('MP/0006/26', 'met-croydon', 'murder')] });
    await manager.waitForDerived((d) => d.alerts.some((a) => a.custodyRef === 'MP/0006/26') && d.ccuQueue.includes('MP/0006/26'));
    await wall.waitForDerived((d) => d.alerts.length > 0);
    await liaison.waitForDerived((d) => d.capacity['met-croydon']?.queue === 1);

    // The liaison tries to resume on the duty manager's feed: it gets its own view, whole.
    const stolen = await new Promise<DerivedUpdate[]>((resolve, reject) =>
      liaison.socket.emit('sync:hello', { protocolVersion: PROTOCOL_VERSION, lastSeq: liaison.lastSeq, derived: { feed: manager.derived!.cursor.feed, version: 0 } }, (r) =>
        r.ok ? resolve(r.data.derived) : reject(new Error(r.error.message)),
      ),
    );
    expect(stolen).toMatchObject([{ kind: 'whole', feed: liaison.derived!.cursor.feed }]);
    liaisonWire.push(JSON.stringify(stolen));

    const refs = /(MP|WM)\/\d{4}\/26/;
    // Police liaison: demand only; no alerts, no queue, no custody reference anywhere on the wire.
    expect(liaison.derivedUpdates.length).toBeGreaterThan(0); // the whole view came in its snapshot
    for (const u of [...liaison.derivedUpdates.map((x) => JSON.stringify(x)), ...liaisonWire]) expect(u).not.toMatch(refs);
    expect(liaison.derived!.view.alerts).toEqual([]);
    expect(Object.keys(liaison.derived!.view.capacity).sort()).toEqual(['met-brixton', 'met-croydon', 'wmp-perry-barr']);
    // The wall: alerts without custody references.
    for (const u of wall.derivedUpdates) expect(JSON.stringify(u)).not.toMatch(refs);
    expect(wall.derived!.view.alerts.length).toBeGreaterThan(0);
    // A West Midlands CCU operator: nothing from London, ever.
    for (const u of westMidlands.derivedUpdates) expect(JSON.stringify(u)).not.toMatch(/MP\/|met-/);
    expect(westMidlands.derived!.view.ccuQueue).toEqual(['WM/0001/26']);
  });
});
