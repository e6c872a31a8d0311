import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IngestBatch,
  INGEST_MAX_EVENTS,
  PROGRESS_MEDIA_TYPE,
  StreamLine,
  londonDay,
  londonMidnight,
  shiftDay,
  type CoverageReport,
  type EtdReport,
  type ForumView,
  type LoggedEvent,
  type NonAttendanceRegister,
  type PerformancePack,
} from '../../protocol/index.js';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgStore } from '../../db/pg-store.js';
import { buildReference, readInitialHighHarm } from '../../db/reference/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { AuthStore } from '../../db/auth-store.js';
import type { EventStore } from '../../db/store.js';
import { createApp, type NexusApp } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import {
  coverageOfCounts,
  decidePublishHighHarm,
  etdOfCounts,
  figuresOf,
  foldForRecords,
  initialState,
  countRecords,
  packOfCounts,
  sortedCounts,
  type CaseRecord,
} from '../../server/domain/index.js';
import { Rng } from '../../server/simulator/random.js';
import { silentLogger } from '../../server/log.js';
import { signInEveryRole } from '../support/auth.js';
import { createTestDatabase } from '../support/pg.js';
import { getJson, tempDbPath } from '../support/server.js';
import { asIngestItem, yearOfFacts } from '../support/year-of-cases.js';

/**
 * Issue 15: every figure of every report, for any period, equals a recount from the log, on both
 * backends. A year and a month of history (November 2025 to November 2026, through both clock
 * changes of 2026) goes in through the engine as feeds send it, some facts late; then random
 * periods are asked for over HTTP and recounted from the stored log.
 */
const FIRST_DAY = '2025-11-01';
const DAYS = 395; // to 2026-11-30
const LAST_DAY = shiftDay(FIRST_DAY, DAYS - 1);
const NOW = londonMidnight(shiftDay(LAST_DAY, 2));
const reference = buildReference().reference;
const facts = yearOfFacts({ from: FIRST_DAY, days: DAYS, casesPerDay: 10, seed: 15, reference });

/** Fixed periods that must be right (BST changes, the edge of the 35-day window, one day, the whole year), then random ones. */
function periods(): [string, string][] {
  const today = londonDay(NOW);
  const fixed: [string, string][] = [
    ['2026-03-29', '2026-03-29'],
    ['2026-03-25', '2026-04-02'],
    ['2026-10-25', '2026-10-25'],
    ['2026-10-20', '2026-10-31'],
    [shiftDay(today, -40), shiftDay(today, -30)],
    [shiftDay(today, -36), today],
    [FIRST_DAY, LAST_DAY],
  ];
  const rng = Rng.from('history-periods', 15);
  for (let i = 0; i < 5; i++) {
    const from = shiftDay(FIRST_DAY, rng.int(0, DAYS - 1));
    fixed.push([from, shiftDay(from, Math.min(rng.int(0, 120), DAYS))]);
  }
  return fixed;
}

const backends = [
  { name: 'SQLite', open: async () => ({ store: new SqliteStore({ path: tempDbPath(), synchronous: 'NORMAL' }) as EventStore & { authStore(): AuthStore }, drop: async () => {} }) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const db = await createTestDatabase();
      await migratePostgres(db.url, silentLogger);
      return { store: new PgStore({ url: db.url, log: silentLogger, poolSize: 4 }) as EventStore & { authStore(): AuthStore }, drop: db.drop };
    },
  },
];

describe.each(backends)('history on $name', ({ open }) => {
  let app: NexusApp;
  let store: EventStore & { authStore(): AuthStore };
  let drop: () => Promise<void>;
  let url: string;
  let cookies: Awaited<ReturnType<typeof signInEveryRole>>;
  let log: LoggedEvent[];
  let records: CaseRecord[];

  beforeAll(async () => {
    ({ store, drop } = await open());
    const auth = store.authStore();
    app = await createApp({ store, auth, clock: new ManualClock(NOW), config: loadConfig({ NEXUS_SIMULATOR: 'off' }), reference, log: silentLogger, clientDir: null });
    cookies = await signInEveryRole(auth, { ccu_operator: ['Kent'] });
    url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    await app.engine.execute((state) => decidePublishHighHarm(state, readInitialHighHarm(), 'v1'), 'system');
    for (let i = 0; i < facts.length; i += INGEST_MAX_EVENTS) {
      const batch = IngestBatch.parse({ source: 'history', events: facts.slice(i, i + INGEST_MAX_EVENTS).map(asIngestItem) });
      const ack = await app.engine.ingest(batch, 'history');
      if (!ack.ok) throw new Error(`batch ${i}: ${ack.error.message}`);
    }
    log = await store.eventsAfter(0, 10_000_000);
    // The recount: the stored log folded afresh, nothing read from the read models.
    const state = initialState(reference);
    const byRef = new Map<string, CaseRecord>();
    for (const e of log) for (const r of foldForRecords(state, e)) byRef.set(r.custodyRef, r);
    records = [...byRef.values()];
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await drop?.();
  });

  const get = <T>(path: string, who: keyof typeof cookies = 'duty_manager') => getJson<T>(`${url}${path}`, cookies[who]);

  it('holds every case of the year; late facts and the clock changes included', () => {
    expect(records.length).toBe(facts.filter((f) => f.type === 'arrest.booked').length);
    expect(log.some((e) => e.recordedAt > e.at + 86_400_000)).toBe(true);
  });

  it.each(periods())('every report from %s to %s equals a recount from the log', async (from, to) => {
    const recount = countRecords(records, from, to);
    expect(sortedCounts(await store.periodCounts(from, to))).toEqual(sortedCounts(recount));
    const suites = [...app.engine.state.suites.values()];
    const q = `from=${from}&to=${to}`;
    expect(await get<CoverageReport>(`/api/coverage?${q}&groupBy=suite`)).toEqual(coverageOfCounts(suites, recount, from, to, 'suite'));
    expect(await get<CoverageReport>(`/api/coverage?${q}&groupBy=region`)).toEqual(coverageOfCounts(suites, recount, from, to, 'region'));
    expect(await get<EtdReport>(`/api/etd?${q}`)).toEqual(etdOfCounts(recount, from, to));
    expect(await get<PerformancePack>(`/api/reports/pack?${q}`)).toEqual(packOfCounts(suites, recount, from, to));
    // The register lists exactly the recounted non-attendances, latest release first.
    const register = await get<NonAttendanceRegister>(`/api/non-attendances?${q}`);
    const expected = records.filter((r) => r.nonAttendanceReason !== null && r.releaseDay! >= from && r.releaseDay! <= to);
    expect(register.rows.map((r) => r.custodyRef).sort()).toEqual(expected.map((r) => r.custodyRef).sort());
    expect(register.counts.total).toBe(expected.length);
    expect(register.rows.every((r, i) => i === 0 || register.rows[i - 1]!.released!.at >= r.released!.at)).toBe(true);

    // Arrivals and checks once more straight from the raw facts, no reducer at all.
    const booked = log.filter((e) => e.type === 'arrest.booked').filter((e) => londonDay(e.data.relevantTime) >= from && londonDay(e.data.relevantTime) <= to);
    const checked = new Set(log.filter((e) => e.type === 'check.completed').map((e) => e.data.custodyRef));
    const pack = await get<PerformancePack>(`/api/reports/pack?${q}`);
    expect(pack.national.figures.arrivals).toBe(booked.length);
    expect(pack.national.figures.checked).toBe(booked.filter((e) => checked.has(e.data.custodyRef)).length);
  });

  it('within the live window, a day answered from the database is what the live screens count', async () => {
    const today = londonDay(NOW);
    for (const day of [shiftDay(today, -2), shiftDay(today, -20), shiftDay(today, -34)]) {
      const coverage = await get<CoverageReport>(`/api/coverage?from=${day}&to=${day}&groupBy=suite`);
      const live = [...app.engine.state.suites.values()].filter((s) => s.days[day]).map((s) => ({ key: s.id, figures: figuresOf([s.days[day]!]) }));
      expect(live.length).toBeGreaterThan(0);
      expect([...coverage.rows].sort((a, b) => a.key.localeCompare(b.key))).toEqual(live.sort((a, b) => a.key.localeCompare(b.key)));
    }
  });

  it('the forum compares November 2026 with October 2026 and November 2025, with outcomes', async () => {
    const forum = await get<ForumView>('/api/reports/forum?month=2026-11');
    expect(forum.periods).toEqual({
      current: { month: '2026-11', from: '2026-11-01', to: '2026-11-30' },
      previousMonth: { month: '2026-10', from: '2026-10-01', to: '2026-10-31' },
      lastYear: { month: '2025-11', from: '2025-11-01', to: '2025-11-30' },
    });
    const national = forum.rows[0]!;
    expect(national.level).toBe('national');
    const arrivals = (from: string, to: string) => records.filter((r) => r.arrivalDay >= from && r.arrivalDay <= to).length;
    const dayOf = { papers_served: 'papersServedDay', detained_immigration_powers: 'detainedDay', removed_or_deported: 'removedDay', no_further_action: 'noFurtherActionDay' } as const;
    const outcomes = (from: string, to: string, kind: keyof typeof dayOf) =>
      records.filter((r) => {
        const day = r[dayOf[kind]];
        return day !== null && day >= from && day <= to;
      }).length;
    expect(national.current.arrivals).toBe(arrivals('2026-11-01', '2026-11-30'));
    expect(national.previousMonth.arrivals).toBe(arrivals('2026-10-01', '2026-10-31'));
    expect(national.lastYear.arrivals).toBe(arrivals('2025-11-01', '2025-11-30'));
    expect(national.lastYear.arrivals).toBeGreaterThan(0);
    expect(national.current.outcomes['papers_served'] ?? 0).toBe(outcomes('2026-11-01', '2026-11-30', 'papers_served'));
    expect(national.lastYear.outcomes['detained_immigration_powers'] ?? 0).toBe(outcomes('2025-11-01', '2025-11-30', 'detained_immigration_powers'));
    expect(national.current.outcomes['removed_or_deported'] ?? 0).toBe(outcomes('2026-11-01', '2026-11-30', 'removed_or_deported'));
    expect(outcomes('2026-11-01', '2026-11-30', 'removed_or_deported')).toBeGreaterThan(0);
    const csv = await fetch(`${url}/api/reports/forum?month=2026-11&format=csv`, { headers: { cookie: cookies.duty_manager } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\r\n')[1]).toContain(`"${national.current.arrivals}"`);
  });

  it('streams every case of a period as CSV, one line each, only of the reader’s regions', async () => {
    const read = async (who: keyof typeof cookies) => {
      const res = await fetch(`${url}/api/reports/cases?from=2026-03-01&to=2026-04-30`, { headers: { cookie: cookies[who] } });
      expect(res.status).toBe(200);
      return (await res.text()).trimEnd().split('\r\n');
    };
    const all = await read('duty_manager');
    const inPeriod = records.filter((r) => r.arrivalDay >= '2026-03-01' && r.arrivalDay <= '2026-04-30');
    expect(all.length - 1).toBe(inPeriod.length);
    expect(new Set(all.slice(1).map((l) => l.split(',')[0]!.replaceAll('"', '')))).toEqual(new Set(inPeriod.map((r) => r.custodyRef)));
    const admin = await read('admin');
    expect(admin.length).toBe(all.length);
  });

  it('a year of footfall review shows its progress a week at a time, then the same answer a plain request gets', async () => {
    const path = `${url}/api/footfall-review?from=${FIRST_DAY}&to=${LAST_DAY}`;
    const plain = await (await fetch(path, { headers: { cookie: cookies.duty_manager } })).json();
    const res = await fetch(path, { headers: { cookie: cookies.duty_manager, accept: PROGRESS_MEDIA_TYPE } });
    const lines = (await res.text()).trim().split('\n').map((l) => StreamLine.parse(JSON.parse(l)));
    const progress = lines.filter((l) => l.kind === 'progress');
    expect(progress[0]).toEqual({ kind: 'progress', done: 0, total: DAYS, unit: 'days read' });
    expect(progress.at(-1)).toEqual({ kind: 'progress', done: DAYS, total: DAYS, unit: 'days read' });
    expect(lines.at(-1)).toEqual({ kind: 'answer', answer: plain });
    const review = (plain as { data: { suites: { demand: number[] }[] } }).data;
    expect(review.suites.reduce((n, s) => n + s.demand.reduce((a, b) => a + b, 0), 0)).toBe(records.length);
  });

  it("an old case's ERF timeline comes from the log, region check and all", async () => {
    const old = records.find((r) => r.arrivalDay < '2026-01-01' && r.region !== 'Kent')!;
    const timeline = await get<{ type: string }[]>(`/api/cases/${encodeURIComponent(old.custodyRef)}/timeline`);
    expect(timeline.map((e) => e.type)).toContain('arrest.booked');
    const refused = await fetch(`${url}/api/cases/${encodeURIComponent(old.custodyRef)}/timeline`, { headers: { cookie: cookies.ccu_operator } });
    expect(refused.status).toBe(403);
  });
});
