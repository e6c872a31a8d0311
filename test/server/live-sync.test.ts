import { afterEach, describe, expect, it } from 'vitest';
import { item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

let server: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server?.stop();
  server = null;
});

async function started(): Promise<TestServer> {
  server = await startTestServer();
  // Two officers on duty, one of them at Brixton.
  const r = await postIngest(server.url, {
    source: 'roster',
    events: [
      item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }),
      item('officer.arrived', { officerId: 'MET-IO-01', suiteId: 'met-brixton' }),
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }),
    ],
  });
  expect(r.status).toBe(200);
  return server;
}

function client(s: TestServer): TestClient {
  const c = new TestClient(s.url, s.cookies.duty_manager);
  clients.push(c);
  return c;
}

describe('live sync over Socket.IO', () => {
  it('a first hello gets a snapshot stamped with the current sequence number', async () => {
    const s = await started();
    const reply = await client(s).hello(null);
    expect(reply.mode).toBe('snapshot');
    if (reply.mode !== 'snapshot') return;
    expect(reply.snapshot.seq).toBe(3);
    expect(reply.snapshot.suites).toHaveLength(4);
    expect(reply.snapshot.officers.find((o) => o.id === 'MET-IO-01')).toMatchObject({ status: 'at_suite', suiteId: 'met-brixton' });
  });

  it('one client reassigns; both receive the move with the same sequence number', async () => {
    const s = await started();
    const [a, b] = [client(s), client(s)];
    await a.hello();
    await b.hello();
    const ack = await a.assign('MET-IO-01', 'met-croydon', 'Queue of 6 at Croydon');
    expect(ack).toEqual({ ok: true, data: { seq: 4 } });
    await a.waitForSeq(4);
    await b.waitForSeq(4);
    const seen = b.deltas.find((d) => d.seq === 4)!;
    expect(seen).toEqual(a.deltas.find((d) => d.seq === 4));
    expect(seen.type).toBe('officer.assigned');
    expect(seen.actor).toBe('test.duty_manager');
    const origin = { kind: 'at_suite', suiteId: 'met-brixton' };
    expect(seen.patch.officers?.[0]).toMatchObject({ id: 'MET-IO-01', status: 'travelling', suiteId: 'met-croydon', move: { seq: 4, by: 'test.duty_manager', origin } });
    expect(seen.patch.assignment).toMatchObject({ seq: 4, origin, toSuiteId: 'met-croydon', reason: 'Queue of 6 at Croydon' });
  });

  it('a client that reconnects with its last sequence number gets exactly what it missed, in order', async () => {
    const s = await started();
    const a = client(s);
    await a.hello();
    const lastSeq = a.lastSeq!;
    a.close();

    const other = client(s);
    await other.hello();
    await other.assign('MET-ICE-01', 'met-croydon');
    await postIngest(s.url, { source: 'custody', events: [item('arrest.booked', { offenceCategory: 'theft', custodyRef: 'MP/0001/26', suiteId: 'met-croydon', nationality: 'RO', iabsMatch: true, relevantTime: s.clock.now() })] });
    await other.assign('MET-IO-01', 'wmp-perry-barr', 'Mutual aid');

    const back = client(s);
    const reply = await back.hello(lastSeq);
    expect(reply.mode).toBe('deltas');
    if (reply.mode !== 'deltas') return;
    expect(reply.deltas.map((d) => d.seq)).toEqual([lastSeq + 1, lastSeq + 2, lastSeq + 3]);
    expect(reply.deltas.map((d) => d.type)).toEqual(['officer.assigned', 'arrest.booked', 'officer.assigned']);
    // And it is live again: the next event reaches it.
    await other.assign('MET-ICE-01', 'met-brixton');
    await back.waitForSeq(lastSeq + 4);
  });

  it('a client that is up to date gets nothing to replay; one from another log gets a snapshot', async () => {
    const s = await started();
    const a = client(s);
    await a.hello();
    expect(await a.hello(a.lastSeq)).toMatchObject({ mode: 'deltas', deltas: [], derived: [] }); // nothing missed: no deltas, no derived changes
    expect((await a.hello(9_999)).mode).toBe('snapshot');
  });

  it('heartbeats carry the sequence number, so a quiet screen can tell it is still live', async () => {
    const s = await started();
    const a = client(s);
    await a.hello();
    const beat = await new Promise<{ seq: number; serverTime: number }>((done) => a.socket.once('sync:heartbeat', done));
    expect(beat).toEqual({ seq: 3, serverTime: s.clock.now() });
  });
});

describe('officer positions on the wire', () => {
  it('a position tick travels as [call sign, lat, lng], and the officer is unchanged otherwise', async () => {
    const s = await started();
    const a = client(s);
    await a.hello();
    const r = await postIngest(s.url, {
      source: 'gps',
      events: [item('officers.moved', { positions: [{ officerId: 'MET-ICE-01', lat: 51.41, lng: -0.11 }, { officerId: 'MET-IO-01', lat: 51.46, lng: -0.1 }] }, s.clock.now())],
    });
    expect(r.status).toBe(200);
    await a.waitForSeq(4);
    const delta = a.deltas.find((d) => d.seq === 4)!;
    expect(delta.patch).toEqual({ positions: [['MET-ICE-01', 51.41, -0.11], ['MET-IO-01', 51.46, -0.1]] });
    expect(JSON.stringify(delta.patch.positions![0]).length).toBeLessThanOrEqual(40);
    expect(s.app.engine.state.officers.get('MET-ICE-01')).toMatchObject({ lat: 51.41, lng: -0.11, status: 'available' });
  });

  it('a snapshot asked for while facts keep arriving is followed by every later delta, none missing or repeated', async () => {
    const s = await started();
    const feeding = (async () => {
      for (let i = 0; i < 15; i++) {
        const ref = `MP/${String(100 + i).padStart(4, '0')}/26`;
        const booked = { custodyRef: ref, suiteId: 'met-croydon', nationality: 'RO', iabsMatch: true, relevantTime: s.clock.now(), offenceCategory: 'theft' as const };
        expect((await postIngest(s.url, { source: 'custody', events: [item('arrest.booked', booked)] })).status).toBe(200);
      }
    })();
    // Several screens open mid-stream; each is packed a snapshot while the log moves on.
    const screens = [client(s), client(s), client(s)];
    const replies = await Promise.all(screens.map(async (c, i) => {
      await new Promise((r) => setTimeout(r, i * 15));
      return c.hello(null);
    }));
    await feeding;
    const last = s.app.engine.seq;
    for (const [i, c] of screens.entries()) {
      await c.waitForSeq(last);
      const reply = replies[i]!;
      if (reply.mode !== 'snapshot') throw new Error('expected a snapshot');
      // After the snapshot: the reply's deltas, then broadcasts; together exactly seq+1..last.
      expect(c.deltas.map((d) => d.seq)).toEqual(Array.from({ length: last - reply.snapshot.seq }, (_, k) => reply.snapshot.seq + 1 + k));
    }
  });
});
