import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgLogListener } from '../../db/pg-log-listener.js';
import { PgStore } from '../../db/pg-store.js';
import { silentLogger } from '../../server/log.js';
import { allowConnections, createTestDatabase, emptyDatabase, sqlOn, terminateBackends } from '../support/pg.js';
import { booked, logged, reference } from '../support/reference.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
  await migratePostgres(db.url, silentLogger);
});
afterAll(() => db.drop());

let store: PgStore;
let listener: PgLogListener;
const warnings: string[] = [];
beforeEach(async () => {
  await emptyDatabase(db.url);
  store = new PgStore({ url: db.url, log: silentLogger });
  await store.saveReference(reference, new Map());
  warnings.length = 0;
  listener = new PgLogListener({ url: db.url, log: { ...silentLogger, warn: (event) => warnings.push(event) }, minBackoffMs: 20, maxBackoffMs: 200 });
});
afterEach(async () => {
  await listener.stop();
  await allowConnections(db.url, true);
  await store.close();
});

const terminateListener = () => terminateBackends(db.url, "application_name = 'nexus-listener'");

/** Appends the next `n` facts as one batch; returns its last seq. */
async function appendNext(n = 1): Promise<number> {
  const first = (await store.lastSeq()) + 1;
  await store.append(logged(Array.from({ length: n }, (_, i) => booked(`A${first + i}`)), first));
  return first + n - 1;
}

describe('PgLogListener', () => {
  it("hears the last seq of every append any node commits", async () => {
    const heard: number[] = [];
    listener.onSeq((seq) => heard.push(seq));
    await listener.start();
    expect(listener.connected).toBe(true);
    const other = new PgStore({ url: db.url, log: silentLogger });
    await appendNext(3);
    await other.append(logged([booked('B1')], 4));
    await appendNext(1);
    await other.close();
    await vi.waitFor(() => expect(heard).toEqual([3, 4, 5]));
  });

  it('reconnects after its connection is killed, says so, and a catch-up read then finds what it missed', async () => {
    const heard: number[] = [];
    let reconnects = 0;
    listener.onSeq((seq) => heard.push(seq));
    listener.onReconnect(() => reconnects++);
    await listener.start();
    await appendNext();
    await vi.waitFor(() => expect(heard).toEqual([1]));

    await store.ping(); // keeps a pooled connection for appending while the database is shut
    await allowConnections(db.url, false);
    await terminateListener();
    await vi.waitFor(() => expect(listener.connected).toBe(false));
    const missed = await appendNext(2);
    await allowConnections(db.url, true);

    await vi.waitFor(() => expect(reconnects).toBe(1));
    expect(listener.connected).toBe(true);
    expect(warnings).toContain('listener.disconnected');
    // What the follower does on reconnect: read the log after the last seq it heard.
    expect((await store.eventsAfter(heard.at(-1)!, 100)).map((e) => e.seq)).toEqual([2, missed]);
    await appendNext();
    await vi.waitFor(() => expect(heard).toEqual([1, 4]));
  });

  it('keeps trying to start while the database refuses connections, and listens once it accepts them', async () => {
    await allowConnections(db.url, false);
    let started = false;
    const starting = listener.start().then(() => (started = true));
    await vi.waitFor(() => expect(warnings.filter((w) => w === 'listener.connect_failed').length).toBeGreaterThan(1));
    expect(started).toBe(false);
    await allowConnections(db.url, true);
    await starting;
    expect(listener.connected).toBe(true);
  });

  it('ignores a payload that is not a seq, and a subscriber that throws does not silence the others', async () => {
    const heard: number[] = [];
    listener.onSeq(() => {
      throw new Error('a bug in one subscriber');
    });
    listener.onSeq((seq) => heard.push(seq));
    await listener.start();
    await sqlOn(db.url, "NOTIFY nexus_log, 'not a seq'");
    await appendNext();
    await vi.waitFor(() => expect(heard).toEqual([1]));
    expect(warnings).toContain('listener.bad_payload');
  });

  it('ends its connection when stopped', async () => {
    await listener.start();
    await listener.stop();
    expect(listener.connected).toBe(false);
    expect(await terminateListener()).toBe(0);
  });
});
