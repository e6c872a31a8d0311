import { daysBetween, londonDay, londonMidnight, shiftDay, type LoggedEvent } from '../../protocol/index.js';
import { coverageOfCounts, etdOfCounts, footfallReview, forumPeriods, forumView, nonAttendanceRegister, packOfCounts, REVIEW_EVENT_TYPES } from '../domain/index.js';
import type { EdgeContext } from '../security/context.js';
import { clientIp } from '../security/http.js';
import { coversRegion } from '../security/principal.js';
import { casesCsv } from './cases-csv.js';
import { forumCsv } from './forum-csv.js';
import type { GuardedRouter } from './guarded-router.js';
import { packCsv } from './pack-csv.js';

/**
 * The reports for any period, from the database's read models (decision 57); each answer is
 * limited to the regions the reader may see.
 */
export function reportRoutes(api: GuardedRouter, ctx: EdgeContext): void {
  const { engine, store, audit } = ctx;
  const today = () => londonDay(engine.now());
  const suites = () => [...engine.state.suites.values()];
  const packOf = async (from: string, to: string, visible: (region: string) => boolean) => packOfCounts(suites(), await store.periodCounts(from, to), from, to, visible);

  api.route('GET /api/non-attendances', async ({ query, caller, req, ok }) => {
    const { from = shiftDay(today(), -6), to = today(), ...rest } = query;
    const filter = { from, to, ...rest };
    const register = nonAttendanceRegister(await store.nonAttendanceCases(filter), filter, (region) => coversRegion(caller, region));
    await audit.record(caller, 'register.viewed', null, { from, to, rows: register.rows.length }, clientIp(req));
    return ok(register);
  });

  api.route('GET /api/coverage', async ({ query: { from = today(), to = today(), groupBy }, caller, ok }) =>
    ok(coverageOfCounts(suites(), await store.periodCounts(from, to), from, to, groupBy, (region) => coversRegion(caller, region))),
  );

  api.route('GET /api/etd', async ({ query: { from = shiftDay(today(), -6), to = today() }, caller, ok }) =>
    ok(etdOfCounts(await store.periodCounts(from, to), from, to, (region) => coversRegion(caller, region))),
  );

  api.route('GET /api/reports/pack', async ({ query, caller, req, ok }) => {
    const { from = today(), to = from, format } = query;
    const pack = await packOf(from, to, (region) => coversRegion(caller, region));
    await audit.record(caller, format === 'csv' ? 'report.exported' : 'report.viewed', 'performance pack', { from, to, format }, clientIp(req));
    return format === 'json' ? ok(pack) : { download: { filename: `nexus-performance-${from}-to-${to}.csv`, body: packCsv(pack) } };
  });

  api.route('GET /api/reports/forum', async ({ query: { month = today().slice(0, 7), format }, caller, req, ok }) => {
    const periods = forumPeriods(month, today());
    const visible = (region: string) => coversRegion(caller, region);
    const [current, previousMonth, lastYear] = await Promise.all([periods.current, periods.previousMonth, periods.lastYear].map((p) => packOf(p.from, p.to, visible)));
    const forum = forumView(periods, { current: current!, previousMonth: previousMonth!, lastYear: lastYear! });
    await audit.record(caller, format === 'csv' ? 'report.exported' : 'report.viewed', 'forum', { month, format }, clientIp(req));
    return format === 'json' ? ok(forum) : { download: { filename: `nexus-forum-${month}.csv`, body: forumCsv(forum) } };
  });

  api.route('GET /api/reports/cases', async ({ query: { from = today(), to = from }, caller, req }) => {
    await audit.record(caller, 'report.exported', 'cases', { from, to }, clientIp(req));
    const [fromAt, toAt] = [londonMidnight(from), londonMidnight(shiftDay(to, 1))];
    return { download: { filename: `nexus-cases-${from}-to-${to}.csv`, body: casesCsv(store, fromAt, toAt, (region) => coversRegion(caller, region)) } };
  });

  api.route('GET /api/footfall-review', async ({ query: { from = shiftDay(today(), -27), to = today() }, caller, ok, progress, signal }) => {
    const [fromAt, toAt] = [londonMidnight(from), londonMidnight(shiftDay(to, 1))];
    // A week of the log at a time, so a year shows how far it has got and stops when the reader goes.
    const days = daysBetween(from, to) + 1;
    const events: LoggedEvent[] = [];
    for (let day = 0; day < days && !signal.aborted; day += 7) {
      progress(day, days);
      const start = day === 0 ? fromAt - 2 * 86_400_000 : londonMidnight(shiftDay(from, day));
      events.push(...(await store.eventsOfTypes(REVIEW_EVENT_TYPES, start, Math.min(toAt, londonMidnight(shiftDay(from, day + 7))))));
    }
    progress(days, days);
    const rows = footfallReview(engine.state, events, fromAt, toAt).filter((r) => coversRegion(caller, r.region));
    return ok({ from, to, suites: rows.map((r) => ({ ...r, officerHours: r.officerHours.map((h) => Math.round(h * 100) / 100) })) });
  });
}
