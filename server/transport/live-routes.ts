import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { caseRegionFromLog, findCase, forecastSuite, meetingView, recommendMoves } from '../domain/index.js';
import { recent } from '../live/recent.js';
import { replayAt } from '../live/replay.js';
import type { EdgeContext } from '../security/context.js';
import { clientIp } from '../security/http.js';
import { coversRegion } from '../security/principal.js';
import { filterSnapshot, scopeFor } from '../security/views.js';
import type { GuardedRouter } from './guarded-router.js';

/** Reading the live picture; each answer is limited to what the reader may see (reports: report-routes.ts). */
export function liveRoutes(api: GuardedRouter, ctx: EdgeContext): void {
  const { engine, store, audit, config } = ctx;

  api.route('GET /api/health', ({ ok }) => ok({ seq: engine.seq, protocolVersion: PROTOCOL_VERSION }));

  api.route('GET /api/config', ({ ok }) =>
    ok({
      protocolVersion: PROTOCOL_VERSION,
      tileUrl: config.tiles?.url ?? null,
      tileAttribution: config.tiles?.attribution ?? null,
      simulator: config.simulator.enabled ? { speed: config.simulator.speed } : null,
      positionStaleMs: config.positionStaleMs,
    }),
  );

  api.route('GET /api/snapshot', ({ caller, ok }) =>
    ok(filterSnapshot(engine.snapshot(), scopeFor(caller.role, caller.regions), (ref) => findCase(engine.state, ref)?.suiteId)),
  );

  api.route('GET /api/events', async ({ query, caller, req, ok }) => {
    await audit.record(caller, 'log.read', null, query, clientIp(req));
    return ok(await store.eventsAfter(query.after, query.limit));
  });

  api.route('GET /api/cases/:custodyRef/timeline', async ({ params: { custodyRef }, caller, req, ok, refuse }) => {
    const events = await store.eventsForCase(custodyRef);
    if (events.length === 0) return refuse('unknown_case', `No case with custody reference ${custodyRef}.`);
    // Judged from the stored log, not the in-memory window, so an old case is checked like a new one.
    const region = caseRegionFromLog(events, (id) => engine.state.suites.get(id)?.region);
    if (region === null ? caller.regions.length > 0 : !coversRegion(caller, region)) return refuse('forbidden', 'That case is outside your regions.');
    // Consulting one person's record is what s.62 asks us to log.
    await audit.record(caller, 'case.viewed', custodyRef, {}, clientIp(req));
    return ok(events.map(({ seq, at, recordedAt, type, actor, source, data }) => ({ seq, at, recordedAt, type, actor, source, data })));
  });

  api.route('GET /api/meeting', ({ query, caller, ok }) => {
    const now = engine.now();
    return ok(meetingView(engine.state, now, query.since ?? now - 24 * 3_600_000, (region) => coversRegion(caller, region)));
  });

  // Every duty manager's screen asks after each change; the advice is the same for all of them.
  const advice = recent(engine, 5_000, () => recommendMoves(engine.state, engine.now()));
  api.route('GET /api/recommendations', ({ caller, ok }) =>
    ok(advice().filter((m) => coversRegion(caller, engine.state.suites.get(m.toSuiteId)?.region ?? ''))),
  );

  api.route('GET /api/forecast/:suiteId', ({ params: { suiteId }, caller, ok, refuse }) => {
    const suite = engine.state.suites.get(suiteId);
    if (!suite) return refuse('unknown_suite', `No custody suite with id ${suiteId}.`);
    if (!coversRegion(caller, suite.region)) return refuse('forbidden', 'That suite is outside your regions.');
    return ok(forecastSuite(engine.state, suite.id, engine.now()));
  });

  api.route('GET /api/replay', async ({ query: { at }, caller, req, ok, progress, signal }) => {
    await audit.record(caller, 'replay.viewed', new Date(at).toISOString(), {}, clientIp(req));
    const snapshot = await replayAt(store, engine.reference, at, { alertSettings: engine.alertSettings, progress, signal });
    return ok(filterSnapshot(snapshot, scopeFor(caller.role, caller.regions), (ref) => snapshot.cases.find((c) => c.custodyRef === ref)?.suiteId));
  });

  api.route('GET /api/high-harm', ({ ok }) => {
    const { highHarm, highHarmHistory } = engine.state;
    return ok({ current: highHarm, history: [...highHarmHistory].reverse() });
  });
}
