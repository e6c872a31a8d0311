import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/cluster.js';
import { item, postIngest, TestClient } from '../support/server.js';

/**
 * The derived view across a cluster (decision 58): each node numbers its own changes, so a screen
 * that moves to another node is given the view whole there, and then holds exactly what that
 * node's fresh screens hold, and follows its changes.
 */
let cluster: Awaited<ReturnType<typeof startCluster>>;
let a: string;
let b: string;
const clients: TestClient[] = [];
beforeAll(async () => {
  cluster = await startCluster(2);
  [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
  const t = Date.now();
  const roster = await postIngest(a, {
    source: 'roster',
    events: [item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }, t), item('officer.arrived', { officerId: 'MET-IO-01', suiteId: 'met-brixton' }, t)],
  });
  expect(roster.status).toBe(200);
}, 60_000);
afterAll(async () => {
  clients.splice(0).forEach((c) => c.close());
  await cluster?.stop();
});

const open = async (url: string) => {
  const c = new TestClient(url, cluster.cookies.duty_manager);
  clients.push(c);
  await c.hello(null);
  return c;
};

const book = (url: string, custodyRef: string, suiteId: string) => {
  const t = Date.now();
  return postIngest(url, { source: 'custody', events: [item('arrest.booked', { custodyRef, suiteId, nationality: 'PL', iabsMatch: true, relevantTime: t - 60_000, offenceCategory: 'theft' }, t)] });
};

describe('the derived view on a cluster', () => {
  it('a screen that moves to the other node gets the view whole there, then equals a fresh screen of that node and follows its changes', async () => {
    const screen = await open(a);
    expect((await book(b, 'MP/DV/1', 'met-croydon')).status).toBe(200);
    await screen.waitForDerived((d) => d.ccuQueue.includes('MP/DV/1'));
    const onA = screen.derived!.cursor;
    screen.close();

    // While it moves: a fact on node A, folded by B from the log.
    expect((await book(a, 'MP/DV/2', 'wmp-perry-barr')).status).toBe(200);
    const moved = new TestClient(b, cluster.cookies.duty_manager);
    clients.push(moved);
    moved.derived = screen.derived; // the same screen, now on node B, with what it held and its last seq
    moved.lastSeq = screen.lastSeq;
    const reply = await moved.hello();
    expect(reply.mode).toBe('deltas');
    expect(reply.derived).toHaveLength(1);
    expect(reply.derived[0]).toMatchObject({ kind: 'whole' });
    expect(reply.derived[0]!.feed).not.toBe(onA.feed);
    await moved.waitForDerived((d) => d.ccuQueue.includes('MP/DV/2'));

    const fresh = await open(b);
    expect((await book(a, 'MP/DV/3', 'met-croydon')).status).toBe(200);
    await moved.waitForDerived((d) => d.ccuQueue.includes('MP/DV/3'));
    await fresh.waitForDerived((d) => d.ccuQueue.includes('MP/DV/3'));
    const end = Date.now() + 5_000;
    while (moved.derived!.cursor.version !== fresh.derived!.cursor.version && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(moved.derived!.cursor).toEqual(fresh.derived!.cursor);
    expect(moved.derived!.view).toEqual(fresh.derived!.view);
    expect(moved.derivedBroken || fresh.derivedBroken).toBe(false);
  }, 30_000);
});
