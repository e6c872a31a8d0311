import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INGEST_MAX_BYTES, PROTOCOL_VERSION, type ErrorCode } from '../../protocol/index.js';
import { getJson, item, postIngest, startTestServer, TestClient, type TestServer } from '../support/server.js';

let server: TestServer;
let watcher: TestClient;
let seqBefore: number;

beforeEach(async () => {
  server = await startTestServer();
  const ok = await postIngest(server.url, {
    source: 'roster',
    events: [
      item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }),
      item('arrest.booked', { offenceCategory: 'theft', custodyRef: 'MP/0001/26', suiteId: 'met-brixton', nationality: 'PL', iabsMatch: true, relevantTime: server.clock.now() }),
    ],
  });
  expect(ok.status).toBe(200);
  watcher = new TestClient(server.url, server.cookies.duty_manager);
  await watcher.hello();
  seqBefore = server.app.engine.seq;
});

afterEach(async () => {
  watcher.close();
  await server.stop();
});

/** Nothing changed: no event stored, no delta broadcast to an open dashboard. */
async function expectNothingChanged(): Promise<void> {
  // Give a wrongly sent broadcast time to arrive before declaring there was none.
  await new Promise((r) => setTimeout(r, 100));
  expect(server.app.engine.seq).toBe(seqBefore);
  expect(await getJson<unknown[]>(`${server.url}/api/events?after=${seqBefore}`, server.cookies.admin)).toEqual([]);
  expect(watcher.deltas).toEqual([]);
}

describe('bad commands over the socket get a clear error and change nothing', () => {
  const table: { name: string; command: unknown; code: ErrorCode; message: RegExp }[] = [
    { name: 'unknown officer', command: { officerId: 'MET-IO-99', suiteId: 'met-croydon' }, code: 'unknown_officer', message: /MET-IO-99/ },
    { name: 'unknown suite', command: { officerId: 'MET-IO-01', suiteId: 'met-atlantis' }, code: 'unknown_suite', message: /met-atlantis/ },
    { name: 'closed suite', command: { officerId: 'MET-IO-01', suiteId: 'met-kilburn' }, code: 'suite_closed', message: /Kilburn is closed/ },
    { name: 'officer off duty', command: { officerId: 'WMP-ICE-01', suiteId: 'wmp-perry-barr' }, code: 'officer_off_duty', message: /off duty/ },
    { name: 'wrong types', command: { officerId: 42, suiteId: ['met-croydon'] }, code: 'invalid_input', message: /officerId/ },
    { name: 'missing fields', command: {}, code: 'invalid_input', message: /officerId/ },
    { name: 'unknown extra field', command: { officerId: 'MET-IO-01', suiteId: 'met-croydon', admin: true }, code: 'invalid_input', message: /admin/ },
    { name: 'reason too long', command: { officerId: 'MET-IO-01', suiteId: 'met-croydon', reason: 'x'.repeat(201) }, code: 'invalid_input', message: /reason/ },
    { name: 'not an object', command: 'MET-IO-01 to Croydon', code: 'invalid_input', message: /object/ },
  ];
  for (const t of table) {
    it(t.name, async () => {
      const reply = await watcher.socket.emitWithAck('officer:assign', t.command as never);
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe(t.code);
        expect(reply.error.message).toMatch(t.message);
      }
      await expectNothingChanged();
    });
  }

  it('an oversized socket frame is dropped with the connection, and the server stays up', async () => {
    const big = new TestClient(server.url, server.cookies.duty_manager);
    await big.hello();
    const closed = new Promise<string>((done) => big.socket.once('disconnect', done));
    big.socket.emit('officer:assign', { officerId: 'MET-IO-01', suiteId: 'met-croydon', reason: 'x'.repeat(64 * 1024) }, () => {});
    expect(await closed).toMatch(/transport (close|error)/);
    big.close();
    await expectNothingChanged();
    expect((await watcher.hello()).mode).toBe('deltas');
  });

  it('a hello from an older protocol is told to reload', async () => {
    const reply = await watcher.socket.emitWithAck('sync:hello', { protocolVersion: PROTOCOL_VERSION + 1, lastSeq: null });
    expect(!reply.ok && reply.error.code).toBe('protocol_mismatch');
  });
});

describe('bad ingest bodies get a clear error and change nothing', () => {
  const booking = (custodyRef: string, suiteId = 'met-croydon') =>
    item('arrest.booked', { offenceCategory: 'theft', custodyRef, suiteId, nationality: 'RO', iabsMatch: false, relevantTime: server.clock.now() });

  const table: { name: string; body: () => unknown; status: number; code: ErrorCode; message: RegExp }[] = [
    { name: 'malformed JSON', body: () => '{"source": "custody", "events": [', status: 400, code: 'invalid_input', message: /not valid JSON/ },
    { name: 'no events', body: () => ({ source: 'custody', events: [] }), status: 400, code: 'invalid_input', message: /events/ },
    { name: 'unknown event type', body: () => ({ source: 'custody', events: [{ id: 'x1', type: 'arrest.cancelled', at: new Date().toISOString(), data: {} }] }), status: 400, code: 'invalid_input', message: /type/ },
    { name: 'wrong types', body: () => ({ source: 'custody', events: [{ ...booking('MP/0002/26'), data: { custodyRef: 7 } }] }), status: 400, code: 'invalid_input', message: /custodyRef/ },
    { name: 'a name where a custody reference goes', body: () => ({ source: 'custody', events: [booking('John Smith')] }), status: 400, code: 'invalid_input', message: /custody reference/ },
    { name: 'prototype-polluting keys', body: () => `{"source":"custody","events":[{"id":"p1","type":"suite.closed","at":"${new Date().toISOString()}","data":{"suiteId":"met-croydon","__proto__":{"admin":true}}}]}`, status: 400, code: 'invalid_input', message: /__proto__|Unrecognized/ },
    { name: 'unknown suite', body: () => ({ source: 'custody', events: [booking('MP/0002/26', 'met-atlantis')] }), status: 422, code: 'unknown_suite', message: /met-atlantis/ },
    { name: 'closed suite', body: () => ({ source: 'custody', events: [booking('MP/0002/26', 'met-kilburn')] }), status: 422, code: 'suite_closed', message: /Kilburn/ },
    { name: 'unknown officer', body: () => ({ source: 'gps', events: [item('officers.moved', { positions: [{ officerId: 'MET-IO-77', lat: 51.5, lng: -0.1 }] })] }), status: 422, code: 'unknown_officer', message: /MET-IO-77/ },
    { name: 'a timestamp in the future', body: () => ({ source: 'custody', events: [{ ...booking('MP/0002/26'), at: new Date(server.clock.now() + 3_600_000).toISOString() }] }), status: 400, code: 'invalid_input', message: /future/ },
    { name: 'one bad fact refuses the whole batch', body: () => ({ source: 'custody', events: [booking('MP/0002/26'), booking('MP/0003/26', 'met-kilburn')] }), status: 422, code: 'suite_closed', message: /events\[1\]/ },
    { name: 'the same person booked twice in one batch', body: () => ({ source: 'custody', events: [booking('MP/0002/26'), booking('MP/0002/26')] }), status: 422, code: 'duplicate_case', message: /MP\/0002\/26/ },
    { name: 'oversized payload', body: () => ({ source: 'custody', events: [booking('MP/0002/26')], padding: 'x'.repeat(INGEST_MAX_BYTES) }), status: 413, code: 'payload_too_large', message: /larger than/ },
  ];
  for (const t of table) {
    it(t.name, async () => {
      const { status, json } = await postIngest(server.url, t.body());
      expect(status).toBe(t.status);
      expect(json.ok).toBe(false);
      if (!json.ok) {
        expect(json.error.code).toBe(t.code);
        expect(json.error.message).toMatch(t.message);
      }
      await expectNothingChanged();
    });
  }

  it('a duplicate is acknowledged, not applied twice', async () => {
    const body = { source: 'custody', events: [booking('MP/0002/26')] };
    const first = await postIngest(server.url, body);
    expect(first.json).toEqual({ ok: true, data: { applied: 1, duplicates: 0, lastSeq: seqBefore + 1 } });
    await watcher.waitForSeq(seqBefore + 1);
    seqBefore += 1;
    watcher.deltas.length = 0;

    const again = await postIngest(server.url, body);
    expect(again.json).toEqual({ ok: true, data: { applied: 0, duplicates: 1, lastSeq: seqBefore } });
    await expectNothingChanged();
  });

  it('the same id with a different body is a conflict, not a duplicate', async () => {
    const original = booking('MP/0002/26');
    expect((await postIngest(server.url, { source: 'custody', events: [original] })).status).toBe(200);
    await watcher.waitForSeq(seqBefore + 1);
    seqBefore += 1;
    watcher.deltas.length = 0;

    const altered = { ...original, data: { ...(original.data as object), nationality: 'FR' } };
    const { status, json } = await postIngest(server.url, { source: 'custody', events: [altered] });
    expect(status).toBe(409);
    expect(!json.ok && json.error.code).toBe('duplicate_id');
    await expectNothingChanged();
  });
});
