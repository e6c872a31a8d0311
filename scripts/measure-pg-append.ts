/**
 * Append throughput of PgStore: batches of 1 and 100 events, one writer and two writers on
 * separate pools (two nodes) appending at once, renumbering after each SeqConflict as a node will.
 * Not part of npm test: `npx tsx scripts/measure-pg-append.ts [seconds per case]`.
 * Uses a database of its own on NEXUS_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { migratePostgres } from '../db/pg-migrate.js';
import { PgStore } from '../db/pg-store.js';
import { silentLogger } from '../server/log.js';
import { createTestDatabase, emptyDatabase } from '../test/support/pg.js';
import { appendRenumbering } from '../test/support/blind-writer.js';
import { booked, reference } from '../test/support/reference.js';
import { summarise } from './bench/stats.js';

const seconds = Number(process.argv[2] ?? 5);

interface Outcome {
  events: number;
  appends: number;
  conflicts: number;
  /** Per committed batch, from first try to commit, retries included. */
  latenciesMs: number[];
}

/** One writer: appends batches of `size` until `until`, catching up after each conflict. */
async function writer(store: PgStore, name: string, size: number, until: number): Promise<Outcome> {
  const outcome: Outcome = { events: 0, appends: 0, conflicts: 0, latenciesMs: [] };
  let last = await store.lastSeq();
  for (let b = 0; performance.now() < until; b++) {
    const facts = Array.from({ length: size }, (_, i) => booked(`${name}-${b}-${i}`));
    const started = performance.now();
    const appended = await appendRenumbering(store, facts, last, name, b);
    outcome.latenciesMs.push(performance.now() - started);
    last = appended.last;
    outcome.conflicts += appended.conflicts;
    outcome.appends++;
    outcome.events += size;
  }
  return outcome;
}

const db = await createTestDatabase();
try {
  await migratePostgres(db.url, silentLogger);
  console.log(`PgStore append, ${seconds} s per case, PostgreSQL at ${new URL(db.url).host}`);
  console.log('batch  writers  events/s  appends/s  conflicts  p50 ms  p95 ms');
  for (const size of [1, 100]) {
    for (const writers of [1, 2]) {
      await emptyDatabase(db.url);
      const stores = Array.from({ length: writers }, () => new PgStore({ url: db.url, log: silentLogger, poolSize: 2 }));
      await stores[0]!.saveReference(reference, new Map());
      await Promise.all(stores.map((s) => s.ping()));
      const started = performance.now();
      const outcomes = await Promise.all(stores.map((s, w) => writer(s, `w${w}`, size, started + seconds * 1_000)));
      const elapsedS = (performance.now() - started) / 1_000;
      await Promise.all(stores.map((s) => s.close()));
      const sum = (f: (o: Outcome) => number) => outcomes.reduce((total, o) => total + f(o), 0);
      const latency = summarise(outcomes.flatMap((o) => o.latenciesMs));
      console.log(
        [
          String(size).padStart(5),
          String(writers).padStart(8),
          (sum((o) => o.events) / elapsedS).toFixed(0).padStart(9),
          (sum((o) => o.appends) / elapsedS).toFixed(0).padStart(10),
          String(sum((o) => o.conflicts)).padStart(10),
          latency.p50.toFixed(1).padStart(7),
          latency.p95.toFixed(1).padStart(7),
        ].join(' '),
      );
    }
  }
} finally {
  await db.drop();
}
