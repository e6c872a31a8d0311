import { afterEach, describe, expect, it } from 'vitest';
import { applyEvents, initialState, serialiseState } from '../../server/domain/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import { MINUTE, reference } from '../support/reference.js';
import { item, postIngest, startTestServer, tempDbPath, TestClient, type TestServer } from '../support/server.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** A morning's worth of mixed facts and moves through the real entry points. */
async function busyMorning(s: TestServer): Promise<void> {
  const t = s.clock.now();
  const feed = await postIngest(s.url, {
    source: 'custody',
    events: [
      item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }, t),
      item('officer.arrived', { officerId: 'MET-IO-01', suiteId: 'met-brixton' }, t),
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, t),
      item('arrest.booked', { offenceCategory: 'theft', custodyRef: 'MP/0001/26', suiteId: 'met-brixton', nationality: 'AL', iabsMatch: true, relevantTime: t }, t),
      item('arrest.booked', { offenceCategory: 'theft', custodyRef: 'MP/0002/26', suiteId: 'met-croydon', nationality: 'XX', iabsMatch: false, relevantTime: t }, t),
      item('arrest.booked', { offenceCategory: 'theft', custodyRef: 'WM/0003/26', suiteId: 'wmp-perry-barr', nationality: 'NG', iabsMatch: true, relevantTime: t }, t),
      item('check.completed', { custodyRef: 'MP/0001/26', officerId: 'MET-IO-01', mode: 'face_to_face', outcome: 'immigration_offender' }, t),
      item('detainee.released', { custodyRef: 'MP/0002/26', disposal: 'bailed' }, t),
      item('officers.moved', { positions: [{ officerId: 'MET-ICE-01', lat: 51.41, lng: -0.1 }] }, t),
    ],
  });
  expect(feed.status).toBe(200);
  const dm = new TestClient(s.url, s.cookies.duty_manager);
  await dm.hello();
  s.clock.advance(5 * MINUTE);
  expect((await dm.assign('MET-ICE-01', 'met-croydon', 'Croydon queue')).ok).toBe(true);
  s.clock.advance(5 * MINUTE);
  expect((await dm.assign('MET-IO-01', 'met-croydon')).ok).toBe(true);
  dm.close();
}

describe('the log is the source of truth', () => {
  it('replaying the stored log onto an empty state reproduces the live state exactly', async () => {
    server = await startTestServer();
    await busyMorning(server);
    const live = serialiseState(server.app.engine.state);

    const store = new SqliteStore({ path: server.dbPath });
    const replayed = initialState(reference);
    applyEvents(replayed, await store.eventsAfter(0, 10_000));
    await store.close();
    expect(serialiseState(replayed)).toEqual(live);
    expect(live.seq).toBe(11);
  });

  it('after a restart on the same database file, state and sequence continue', async () => {
    const dbPath = tempDbPath();
    server = await startTestServer({ dbPath });
    await busyMorning(server);
    const before = serialiseState(server.app.engine.state);
    const clock = server.clock;
    await server.stop();

    server = await startTestServer({ dbPath, clock });
    expect(serialiseState(server.app.engine.state)).toEqual(before);
    const dm = new TestClient(server.url, server.cookies.duty_manager);
    await dm.hello();
    const ack = await dm.assign('MET-IO-01', 'met-brixton');
    dm.close();
    expect(ack).toEqual({ ok: true, data: { seq: before.seq + 1 } });
  });

  it('after a crash (no shutdown checkpoint), the log alone restores the state', async () => {
    const dbPath = tempDbPath();
    const crashed = await startTestServer({ dbPath });
    await busyMorning(crashed);
    const before = serialiseState(crashed.app.engine.state);
    // A second process opens the same file while the first never shut down cleanly.
    server = await startTestServer({ dbPath, clock: crashed.clock });
    try {
      expect(serialiseState(server.app.engine.state)).toEqual(before);
    } finally {
      await crashed.stop();
    }
  });
});
