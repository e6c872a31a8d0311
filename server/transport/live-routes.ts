import { z } from 'zod';
import { CustodyRef, londonDay, londonMidnight, NonAttendanceReason, PROTOCOL_VERSION, shiftDay, SuiteId, type ClientConfig, type TimelineEntry } from '../../protocol/index.js';
import {
  caseRegionFromLog,
  coverageReport,
  etdReport,
  findCase,
  footfallReview,
  forecastSuite,
  meetingView,
  nonAttendanceRegister,
  performancePack,
  recommendMoves,
  REVIEW_EVENT_TYPES,
} from '../domain/index.js';
import { recent } from '../live/recent.js';
import { replayAt } from '../live/replay.js';
import { toCsv } from './csv.js';
import type { EdgeContext } from '../security/context.js';
import { clientIp, principalOf } from '../security/http.js';
import { coversRegion } from '../security/principal.js';
import { filterSnapshot, scopeFor } from '../security/views.js';
import type { GuardedRouter } from './guarded-router.js';
import { ok, send } from './send.js';
import { invalid } from './validate.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');
const RegisterQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  region: z.string().max(60).optional(),
  suiteId: SuiteId.optional(),
  reason: NonAttendanceReason.optional(),
});
const RangeQuery = z.object({ from: Day.optional(), to: Day.optional(), groupBy: z.enum(['suite', 'region']).default('suite') });
const PackQuery = z.object({ from: Day.optional(), to: Day.optional(), format: z.enum(['json', 'csv']).default('json') });
const EventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Reading the live picture and its reports; each answer is limited to what the reader may see. */
export function liveRoutes(api: GuardedRouter, ctx: EdgeContext): void {
  const { engine, store, audit, config } = ctx;
  const today = () => londonDay(engine.now());

  api.route('get', '/health', (_req, res) => ok(res, { seq: engine.seq, protocolVersion: PROTOCOL_VERSION }));

  api.route('get', '/config', (_req, res) => {
    const data: ClientConfig = {
      protocolVersion: PROTOCOL_VERSION,
      tileUrl: config.tiles?.url ?? null,
      tileAttribution: config.tiles?.attribution ?? null,
      simulator: config.simulator.enabled ? { speed: config.simulator.speed } : null,
      positionStaleMs: config.positionStaleMs,
    };
    ok(res, data);
  });

  api.route('get', '/snapshot', (_req, res) => {
    const p = principalOf(res)!;
    ok(res, filterSnapshot(engine.snapshot(), scopeFor(p.role, p.regions), (ref) => findCase(engine.state, ref)?.suiteId));
  });

  api.route('get', '/events', async (req, res) => {
    const query = EventsQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    await audit.record(principalOf(res), 'log.read', null, query.data, clientIp(req));
    ok(res, await store.eventsAfter(query.data.after, query.data.limit));
  });

  api.route('get', '/cases/:custodyRef/timeline', async (req, res) => {
    const ref = CustodyRef.safeParse(req.params.custodyRef);
    if (!ref.success) return send(res, invalid(ref.error));
    const p = principalOf(res)!;
    const events = await store.eventsForCase(ref.data);
    if (events.length === 0) return send(res, { ok: false, error: { code: 'unknown_case', message: `No case with custody reference ${ref.data}.` } });
    // Judged from the stored log, not the in-memory window, so an old case is checked like a new one.
    const region = caseRegionFromLog(events, (id) => engine.state.suites.get(id)?.region);
    if (region === null ? p.regions.length > 0 : !coversRegion(p, region))
      return send(res, { ok: false, error: { code: 'forbidden', message: 'That case is outside your regions.' } });
    // Consulting one person's record is what s.62 asks us to log.
    await audit.record(p, 'case.viewed', ref.data, {}, clientIp(req));
    const timeline: TimelineEntry[] = events.map(({ seq, at, recordedAt, type, actor, source, data }) => ({ seq, at, recordedAt, type, actor, source, data }));
    ok(res, timeline);
  });

  api.route('get', '/non-attendances', async (req, res) => {
    const query = RegisterQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    const p = principalOf(res)!;
    const { from = shiftDay(today(), -6), to = today(), ...rest } = query.data;
    const register = nonAttendanceRegister(engine.state, { from, to, ...rest }, (region) => coversRegion(p, region));
    await audit.record(p, 'register.viewed', null, { from, to, rows: register.rows.length }, clientIp(req));
    ok(res, register);
  });

  api.route('get', '/coverage', (req, res) => {
    const query = RangeQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    const p = principalOf(res)!;
    const { from = today(), to = today(), groupBy } = query.data;
    ok(res, coverageReport(engine.state, from, to, groupBy, (region) => coversRegion(p, region)));
  });

  api.route('get', '/etd', (req, res) => {
    const query = RangeQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    const p = principalOf(res)!;
    const { from = shiftDay(today(), -6), to = today() } = query.data;
    ok(res, etdReport(engine.state, from, to, (region) => coversRegion(p, region)));
  });

  api.route('get', '/meeting', (req, res) => {
    const since = z.coerce.number().int().min(0).optional().safeParse(req.query.since);
    if (!since.success) return send(res, invalid(since.error));
    const p = principalOf(res)!;
    const now = engine.now();
    ok(res, meetingView(engine.state, now, since.data ?? now - 24 * 3_600_000, (region) => coversRegion(p, region)));
  });

  // Every duty manager's screen asks after each change; the advice is the same for all of them.
  const advice = recent(engine, 5_000, () => recommendMoves(engine.state, engine.now()));
  api.route('get', '/recommendations', (_req, res) => {
    const p = principalOf(res)!;
    const moves = advice().filter((m) => coversRegion(p, engine.state.suites.get(m.toSuiteId)?.region ?? ''));
    ok(res, moves);
  });

  api.route('get', '/forecast/:suiteId', (req, res) => {
    const id = SuiteId.safeParse(req.params.suiteId);
    if (!id.success) return send(res, invalid(id.error));
    const suite = engine.state.suites.get(id.data);
    if (!suite) return send(res, { ok: false, error: { code: 'unknown_suite', message: `No custody suite with id ${id.data}.` } });
    if (!coversRegion(principalOf(res)!, suite.region)) return send(res, { ok: false, error: { code: 'forbidden', message: 'That suite is outside your regions.' } });
    ok(res, forecastSuite(engine.state, suite.id, engine.now()));
  });

  api.route('get', '/reports/pack', async (req, res) => {
    const query = PackQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    const p = principalOf(res)!;
    const { from = today(), to = from, format } = query.data;
    const pack = performancePack(engine.state, from, to, (region) => coversRegion(p, region));
    await audit.record(p, format === 'csv' ? 'report.exported' : 'report.viewed', 'performance pack', { from, to, format }, clientIp(req));
    if (format === 'json') return ok(res, pack);
    const header = ['level', 'region', 'suite', 'fn_arrivals', 'checked', 'coverage_pct', 'median_minutes_to_check', 'non_attendances', 'non_attendance_reasons', 'etd_required', 'etd_applied', 'high_harm_cases'];
    const rows = pack.rows.map((r) => [
      r.level, r.region, r.level === 'suite' ? r.name : '', r.figures.arrivals, r.figures.checked, r.figures.coveragePct, r.figures.medianMinutesToCheck,
      r.figures.nonAttendances, Object.entries(r.nonAttendanceByReason).map(([k, v]) => `${k}: ${v}`).join('; '), r.etdRequired, r.etdApplied, r.highHarmCases,
    ]);
    res.type('text/csv').attachment(`nexus-performance-${from}-to-${to}.csv`).send(toCsv(header, rows));
  });

  api.route('get', '/footfall-review', async (req, res) => {
    const query = RangeQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    const p = principalOf(res)!;
    const { from = shiftDay(today(), -27), to = today() } = query.data;
    const [fromAt, toAt] = [londonMidnight(from), londonMidnight(shiftDay(to, 1))];
    const events = await store.eventsOfTypes(REVIEW_EVENT_TYPES, fromAt - 2 * 86_400_000, toAt);
    const rows = footfallReview(engine.state, events, fromAt, toAt).filter((r) => coversRegion(p, r.region));
    ok(res, { from, to, suites: rows.map((r) => ({ ...r, officerHours: r.officerHours.map((h) => Math.round(h * 100) / 100) })) });
  });

  api.route('get', '/replay', async (req, res) => {
    const at = z.coerce.number().int().min(0).safeParse(req.query.at);
    if (!at.success) return send(res, invalid(at.error));
    const p = principalOf(res)!;
    await audit.record(p, 'replay.viewed', new Date(at.data).toISOString(), {}, clientIp(req));
    const snapshot = await replayAt(store, engine.reference, at.data, engine.alertSettings);
    ok(res, filterSnapshot(snapshot, scopeFor(p.role, p.regions), (ref) => snapshot.cases.find((c) => c.custodyRef === ref)?.suiteId));
  });

  api.route('get', '/high-harm', (_req, res) => {
    const { highHarm, highHarmHistory } = engine.state;
    ok(res, { current: highHarm, history: [...highHarmHistory].reverse() });
  });
}
