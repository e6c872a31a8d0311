import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { londonMidnight, shiftDay, type LoggedEvent } from '../../protocol/index.js';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgStore } from '../../db/pg-store.js';
import { buildReference } from '../../db/reference/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { EventStore } from '../../db/store.js';
import { foldForRecords, initialState, packOfCounts, type CaseRecord, type Reference } from '../../server/domain/index.js';
import { silentLogger } from '../../server/log.js';
import { casesCsv } from '../../server/transport/cases-csv.js';
import { createTestDatabase, sqlOn } from '../../test/support/pg.js';
import { asLogged, factsByDay } from '../../test/support/year-of-cases.js';
import { fmt, row, verdict, type MeasureResult, type Row } from './result.js';
import { median } from './stats.js';
import { fullGc, nowMs } from './time.js';

export interface HistoryOptions {
  /** National FN arrivals a day: ≈ 200,000 a year (DOMAIN.md: 185,000–193,000 in England and Wales). */
  casesPerDay: number;
  days: number;
  repeats: number;
}

export const HISTORY_FULL: HistoryOptions = { casesPerDay: 550, days: 365, repeats: 5 };
const FIRST_DAY = '2025-12-01';

interface Loaded {
  backend: string;
  store: EventStore;
  cases: number;
  events: number;
  loadSeconds: number;
  /** PostgreSQL: what autovacuum does after a bulk load (statistics, the visibility map for index-only scans). */
  vacuum?: () => Promise<void>;
  close(): Promise<void>;
}

/**
 * A year of national history written straight into the store, as a bulk import would: each day's
 * facts folded by the same pure reducer as the engine's (foldForRecords) and appended with their
 * read-model rows in one transaction a day. No engine, no simulator in real time.
 */
async function load(backend: string, store: EventStore, reference: Reference, o: HistoryOptions, close: () => Promise<void>): Promise<Loaded> {
  const t0 = nowMs();
  await store.saveReference(reference, new Map());
  const state = initialState(reference);
  let seq = await store.lastSeq();
  let cases = 0;
  let events = 0;
  for (const day of factsByDay({ from: FIRST_DAY, days: o.days, casesPerDay: o.casesPerDay, seed: 11, reference })) {
    const logged: LoggedEvent[] = day.map((f) => asLogged(f, ++seq));
    const records = new Map<string, CaseRecord>();
    for (const e of logged) for (const r of foldForRecords(state, e)) records.set(r.custodyRef, r);
    await store.append(logged, { cases: [...records.values()] });
    cases += day.filter((f) => f.type === 'arrest.booked').length;
    events += logged.length;
  }
  return { backend, store, cases, events, loadSeconds: (nowMs() - t0) / 1000, close };
}

async function sqlite(reference: Reference, o: HistoryOptions): Promise<Loaded> {
  const dir = mkdtempSync(join(tmpdir(), 'nexus-bench-history-'));
  const store = new SqliteStore({ path: join(dir, 'history.db'), synchronous: 'NORMAL' });
  return load('SQLite', store, reference, o, async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

async function postgres(reference: Reference, o: HistoryOptions): Promise<Loaded> {
  const db = await createTestDatabase();
  await migratePostgres(db.url, silentLogger);
  const store = new PgStore({ url: db.url, log: silentLogger, poolSize: 6 });
  const loaded = await load('PostgreSQL', store, reference, o, async () => {
    await store.close();
    await db.drop();
  });
  return { ...loaded, vacuum: async () => void (await sqlOn(db.url, 'VACUUM (ANALYZE) case_states')) };
}

/** Measure 11: the yearly national pack, as GET /api/reports/pack builds it (grouped queries, then the pack). */
async function yearlyPack(l: Loaded, reference: Reference, repeats: number): Promise<{ cold: number; warm: number; arrivals: number }> {
  const [from, to] = [FIRST_DAY, shiftDay(FIRST_DAY, 364)];
  const build = async () => packOfCounts(reference.suites, await l.store.periodCounts(from, to), from, to);
  let t = nowMs();
  const pack = await build();
  const cold = nowMs() - t;
  const warm: number[] = [];
  for (let i = 0; i < repeats; i++) {
    t = nowMs();
    await build();
    warm.push(nowMs() - t);
  }
  return { cold, warm: median(warm), arrivals: pack.national.figures.arrivals };
}

/**
 * Measure 12: every case of the year as CSV, streamed as GET /api/reports/cases does. Two heap
 * figures: the peak of the heap in use (garbage not yet collected included) sampled every 5 ms,
 * and what is still held after a full GC every tenth page: what the export keeps, not what it churns.
 */
async function yearExport(l: Loaded): Promise<{ seconds: number; lines: number; mb: number; peakHeapMb: number; retainedMb: number }> {
  fullGc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let retained = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  let seconds = 0;
  let t = nowMs();
  let bytes = 0;
  let lines = 0;
  let pages = 0;
  for await (const chunk of casesCsv(l.store, londonMidnight(FIRST_DAY), londonMidnight(shiftDay(FIRST_DAY, 365)), () => true)) {
    bytes += Buffer.byteLength(chunk);
    lines += chunk.split('\r\n').length - 1;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (++pages % 10 === 0) {
      seconds += nowMs() - t; // the GC is the measure's, not the export's
      fullGc();
      retained = Math.max(retained, process.memoryUsage().heapUsed);
      t = nowMs();
    }
  }
  seconds += nowMs() - t;
  clearInterval(sampler);
  return { seconds: seconds / 1000, lines: lines - 1, mb: bytes / 1e6, peakHeapMb: (peak - base) / 1e6, retainedMb: (retained - base) / 1e6 };
}

export async function history(o: HistoryOptions = HISTORY_FULL): Promise<MeasureResult[]> {
  const reference = buildReference().reference;
  const packRows: Row[] = [];
  const exportRows: Row[] = [];
  const loads: string[] = [];
  for (const open of [sqlite, postgres]) {
    const loaded = await open(reference, o);
    try {
      loads.push(`${loaded.backend}: ${fmt(loaded.cases, 0)} cases, ${fmt(loaded.events, 0)} facts loaded in ${fmt(loaded.loadSeconds, 0)} s`);
      process.stdout.write(`  ${loads.at(-1)}\n`);
      const p = await yearlyPack(loaded, reference, o.repeats);
      packRows.push(row(`${loaded.backend}: yearly national pack, first`, `${fmt(p.cold, 0)} ms`, '—', null, '≤ 1,000 ms', verdict(p.cold <= 1000), p.cold));
      packRows.push(row(`${loaded.backend}: yearly national pack, median of ${o.repeats}`, `${fmt(p.warm, 0)} ms`, '—', null, '≤ 1,000 ms', verdict(p.warm <= 1000), p.warm));
      if (p.arrivals !== loaded.cases) throw new Error(`the pack counts ${p.arrivals} arrivals, the load ${loaded.cases}`);
      if (loaded.vacuum) {
        await loaded.vacuum();
        const v = await yearlyPack(loaded, reference, o.repeats);
        packRows.push(row(`${loaded.backend} after VACUUM ANALYZE: yearly national pack, median of ${o.repeats}`, `${fmt(v.warm, 0)} ms`, '—', null, '≤ 1,000 ms', verdict(v.warm <= 1000), v.warm));
      }
      const e = await yearExport(loaded);
      if (e.lines !== loaded.cases) throw new Error(`the export has ${e.lines} lines, the load ${loaded.cases} cases`);
      exportRows.push(row(`${loaded.backend}: full-year CSV (${fmt(e.lines, 0)} rows, ${fmt(e.mb, 0)} MB)`, `${fmt(e.seconds, 1)} s`, '—', null, '—', 'INFO', e.seconds));
      exportRows.push(row(`${loaded.backend}: peak heap growth while streaming (garbage included)`, `${fmt(e.peakHeapMb, 1)} MB`, `${fmt(e.mb, 0)} MB file`, e.peakHeapMb / e.mb, '—', 'INFO', e.peakHeapMb));
      exportRows.push(row(`${loaded.backend}: heap still held after GC, worst`, `${fmt(e.retainedMb, 1)} MB`, `${fmt(e.mb, 0)} MB file`, e.retainedMb / e.mb, '≤ 10% of the file', verdict(e.retainedMb <= e.mb / 10), e.retainedMb));
    } finally {
      await loaded.close();
    }
  }
  const setup = `A year of national history (${fmt(o.casesPerDay, 0)} FN arrivals a day, ${FIRST_DAY} on, seeded) written straight into each store with its read models (${loads.join('; ')}).`;
  return [
    { id: 11, title: 'Yearly national performance pack from the read models', setup: `${setup} The pack for the whole year, nationally, per region and per suite, as GET /api/reports/pack builds it: five grouped queries, then the pack.`, rows: packRows },
    { id: 12, title: 'Full-year CSV export, streamed', setup: `${setup} Every case of the year as GET /api/reports/cases writes it, read 2,000 rows a page; heap sampled every 5 ms and after each page, after a full GC.`, rows: exportRows },
  ];
}
