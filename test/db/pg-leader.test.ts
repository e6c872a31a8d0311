import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PgLeader } from '../../db/pg-leader.js';
import { PG_LOCK } from '../../db/pg-locks.js';
import { silentLogger } from '../../server/log.js';
import { allowConnections, createTestDatabase, sqlOn } from '../support/pg.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => (db = await createTestDatabase()));
afterAll(() => db.drop());

/** An elector as a node runs it, recording every change it announces. */
function elector() {
  const leader = new PgLeader({ url: db.url, log: silentLogger, retryMs: 100 });
  const changes: boolean[] = [];
  leader.onChange((isLeader) => changes.push(isLeader));
  electors.push(leader);
  return { leader, changes };
}
const electors: PgLeader[] = [];
afterEach(async () => {
  await Promise.all(electors.splice(0).map((e) => e.stop()));
});

/** The backends holding the leadership lock in this database. */
const holders = () =>
  sqlOn<{ pid: number }>(
    db.url,
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [PG_LOCK.leader],
  );

/** Lets several retry rounds pass, so a second leader would have had every chance to appear. */
const severalRounds = () => new Promise((resolve) => setTimeout(resolve, 600));

describe('PgLeader', () => {
  it('elects exactly one of two nodes', async () => {
    const [a, b] = [elector(), elector()];
    a.leader.start();
    b.leader.start();
    await vi.waitFor(() => expect([a.leader.isLeader, b.leader.isLeader].filter(Boolean)).toHaveLength(1));
    await severalRounds();
    expect([a.leader.isLeader, b.leader.isLeader].filter(Boolean)).toHaveLength(1);
    expect([...a.changes, ...b.changes]).toEqual([true]);
    expect(await holders()).toHaveLength(1);
  });

  it("hands over within seconds when the leader's connection is killed; the old leader knows at once", async () => {
    const [a, b] = [elector(), elector()];
    a.leader.start();
    await vi.waitFor(() => expect(a.leader.isLeader).toBe(true));
    b.leader.start();
    await severalRounds();
    expect(b.leader.isLeader).toBe(false);

    const [holder] = await holders();
    await sqlOn(db.url, 'SELECT pg_terminate_backend($1)', [holder!.pid]);
    await vi.waitFor(() => expect(b.leader.isLeader).toBe(true), { timeout: 5_000 });
    expect(a.leader.isLeader).toBe(false);
    expect(a.changes).toEqual([true, false]);
    // The old leader reconnects as a follower: still one leader.
    await severalRounds();
    expect(a.leader.isLeader).toBe(false);
    expect(await holders()).toHaveLength(1);
  });

  it('hands over when the leader stops, and a stopped elector never leads again', async () => {
    const [a, b] = [elector(), elector()];
    a.leader.start();
    await vi.waitFor(() => expect(a.leader.isLeader).toBe(true));
    b.leader.start();
    await a.leader.stop();
    expect(a.changes).toEqual([true, false]);
    await vi.waitFor(() => expect(b.leader.isLeader).toBe(true), { timeout: 5_000 });
    await b.leader.stop();
    await severalRounds();
    expect([a.leader.isLeader, b.leader.isLeader]).toEqual([false, false]);
    expect(await holders()).toEqual([]);
  });

  it('does not lead while the database refuses connections, and leads once it accepts them', async () => {
    await allowConnections(db.url, false);
    try {
      const { leader } = elector();
      leader.start();
      await severalRounds();
      expect(leader.isLeader).toBe(false);
      await allowConnections(db.url, true);
      await vi.waitFor(() => expect(leader.isLeader).toBe(true));
    } finally {
      await allowConnections(db.url, true);
    }
  });
});
