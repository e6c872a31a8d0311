import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDay, londonMidnight, OUTCOMES_OF_INTEREST, shiftDay, type CoverageReport, type LoggedEvent, type NonAttendanceRegister, type Snapshot } from '../../protocol/index.js';
import { buildReference, readInitialHighHarm } from '../../db/reference/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import { createApp, type NexusApp } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import { decidePublishHighHarm } from '../../server/domain/index.js';
import { silentLogger } from '../../server/log.js';
import { createSimulatorRunner } from '../../server/simulator/runner.js';
import { SimulationClock } from '../../server/simulator/simulation-clock.js';
import { signInEveryRole } from '../support/auth.js';
import { getJson, tempDbPath } from '../support/server.js';

const HOUR = 3_600_000;
const DAY_ONE = '2026-11-23';
let app: NexusApp;
let store: SqliteStore;
let url: string;
let log: LoggedEvent[];
let cookie: string;

/** A simulated day and a half through the real engine, then every figure the screens show. */
beforeAll(async () => {
  const start = londonMidnight(DAY_ONE);
  const clock = new SimulationClock(new ManualClock(start), 1, start);
  store = new SqliteStore({ path: tempDbPath() });
  const auth = store.authStore();
  app = await createApp({ store, auth, clock, config: loadConfig({ NEXUS_SIMULATOR: 'off' }), reference: buildReference().reference, log: silentLogger, clientDir: null });
  cookie = (await signInEveryRole(auth, {})).duty_manager;
  url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  await app.engine.execute((state) => decidePublishHighHarm(state, readInitialHighHarm(), 'v1'), 'system');
  await createSimulatorRunner({ port: app.engine, clock, seed: 11 }).catchUp(start, start + 38 * HOUR);
  log = await store.eventsAfter(0, 1_000_000);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
});

interface Recount {
  suiteId: string;
  arrivalSuiteId: string;
  relevantTime: number;
  check: { at: number; mode: string; officerId: string | null; outcome: string } | null;
  attended: boolean;
  releasedAt: number | null;
}

/** An independent recount from the raw log: no reducer, no tallies, just the events. */
function recount(): Map<string, Recount> {
  const cases = new Map<string, Recount>();
  const transfers = new Map<string, { at: number; to: string }[]>();
  for (const e of [...log].sort((a, b) => a.seq - b.seq)) {
    const ref = 'custodyRef' in e.data ? e.data.custodyRef : null;
    const c = ref ? cases.get(ref) : undefined;
    switch (e.type) {
      case 'arrest.booked':
        cases.set(e.data.custodyRef, { suiteId: e.data.suiteId, arrivalSuiteId: e.data.suiteId, relevantTime: e.data.relevantTime, check: null, attended: false, releasedAt: null });
        break;
      case 'check.completed':
        c!.check = { at: e.at, mode: e.data.mode, officerId: e.data.officerId, outcome: e.data.outcome };
        if (e.data.mode === 'face_to_face' && e.data.officerId) c!.attended = true;
        break;
      case 'interview.held':
        c!.attended = true;
        break;
      case 'decision.made':
        if (e.data.officerId) c!.attended = true;
        break;
      case 'case.transferred':
        transfers.set(e.data.custodyRef, [...(transfers.get(e.data.custodyRef) ?? []), { at: e.at, to: e.data.toSuiteId }]);
        break;
      case 'detainee.released':
        c!.releasedAt = e.at;
        break;
      default:
        break;
    }
  }
  for (const [ref, list] of transfers) cases.get(ref)!.suiteId = list.sort((a, b) => a.at - b.at).at(-1)!.to;
  return cases;
}

const nonAttendance = (c: Recount) =>
  c.releasedAt !== null && (c.check === null || (OUTCOMES_OF_INTEREST as readonly string[]).includes(c.check.outcome)) && !c.attended;

describe('one count, from one log (recommendation 3)', () => {
  it('the simulated day had real work in it', () => {
    const cases = [...recount().values()];
    expect(cases.length).toBeGreaterThan(400);
    expect(cases.filter((c) => c.check).length).toBeGreaterThan(200);
    expect(cases.filter(nonAttendance).length).toBeGreaterThan(0);
  });

  it('people in custody and waiting, per suite, match the recount', async () => {
    const snapshot = await getJson<Snapshot>(`${url}/api/snapshot`, cookie);
    const cases = [...recount().values()];
    for (const suite of snapshot.suites) {
      const here = cases.filter((c) => c.suiteId === suite.id && c.releasedAt === null);
      expect([suite.id, suite.inCustody, suite.pendingChecks]).toEqual([suite.id, here.length, here.filter((c) => !c.check).length]);
    }
  });

  it("each suite's figures today, the coverage report for each day and the register all match the recount", async () => {
    const snapshot = await getJson<Snapshot>(`${url}/api/snapshot`, cookie);
    const today = londonDay(snapshot.serverTime);
    const cases = [...recount().values()];
    for (const day of [DAY_ONE, today]) {
      const report = await getJson<CoverageReport>(`${url}/api/coverage?from=${day}&to=${day}&groupBy=suite`, cookie);
      const arrivedThatDay = cases.filter((c) => londonDay(c.relevantTime) === day);
      const releasedThatDay = cases.filter((c) => c.releasedAt !== null && londonDay(c.releasedAt) === day && nonAttendance(c));
      expect(report.total.arrivals).toBe(arrivedThatDay.length);
      expect(report.total.checked).toBe(arrivedThatDay.filter((c) => c.check).length);
      expect(report.total.nonAttendances).toBe(releasedThatDay.length);
      for (const row of report.rows) {
        const mine = arrivedThatDay.filter((c) => c.arrivalSuiteId === row.key);
        expect([row.key, row.figures.arrivals, row.figures.checked]).toEqual([row.key, mine.length, mine.filter((c) => c.check).length]);
      }
      const register = await getJson<NonAttendanceRegister>(`${url}/api/non-attendances?from=${day}&to=${day}`, cookie);
      expect(register.counts.total).toBe(releasedThatDay.length);
      expect(register.rows.map((r) => r.custodyRef).sort()).toEqual(
        [...recount()].filter(([, c]) => c.releasedAt !== null && londonDay(c.releasedAt) === day && nonAttendance(c)).map(([ref]) => ref).sort(),
      );
    }
    // The map's "today" per suite is the same count as the report's.
    const todayReport = await getJson<CoverageReport>(`${url}/api/coverage?from=${today}&to=${today}&groupBy=suite`, cookie);
    for (const suite of snapshot.suites) {
      const row = todayReport.rows.find((r) => r.key === suite.id);
      expect([suite.id, suite.today.arrivals, suite.today.checked]).toEqual([suite.id, row?.figures.arrivals ?? 0, row?.figures.checked ?? 0]);
    }
    expect(shiftDay(DAY_ONE, 1)).toBe(today);
  });
});
