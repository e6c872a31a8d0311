import express, { type ErrorRequestHandler, type Response } from 'express';
import { z } from 'zod';
import {
  CustodyRef,
  INGEST_MAX_BYTES,
  IngestBatch,
  londonDay,
  NonAttendanceReason,
  PROTOCOL_VERSION,
  SuiteId,
  type Ack,
  type ClientConfig,
  type ErrorCode,
  type TimelineEntry,
} from '../../protocol/index.js';
import { coverageReport, etdReport, nonAttendanceRegister, shiftDay } from '../domain/index.js';
import type { EventStore } from '../../db/store.js';
import type { Config } from '../config.js';
import type { LiveEngine } from '../live/engine.js';
import type { Logger } from '../log.js';
import { invalid } from './validate.js';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  protocol_mismatch: 400,
  unknown_officer: 422,
  unknown_suite: 422,
  suite_closed: 422,
  officer_off_duty: 422,
  already_assigned: 422,
  unknown_case: 422,
  duplicate_case: 422,
  case_released: 422,
  already_checked: 422,
  duplicate_id: 409,
  impossible_transition: 422,
  invalid_rule_set: 422,
  unknown_alert: 422,
  payload_too_large: 413,
  internal: 500,
};

function send<T>(res: Response, result: Ack<T>): void {
  res.status(result.ok ? 200 : STATUS[result.error.code]).json(result);
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');
const RegisterQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  region: z.string().max(60).optional(),
  suiteId: SuiteId.optional(),
  reason: NonAttendanceReason.optional(),
});
const CoverageQuery = z.object({ from: Day.optional(), to: Day.optional(), groupBy: z.enum(['suite', 'region']).default('suite') });

const EventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The HTTP API: feeds post facts, tools read the log, the page reads its settings. */
export function apiRouter(engine: LiveEngine, store: EventStore, config: Config, log: Logger): express.Router {
  const api = express.Router();
  api.use(express.json({ limit: INGEST_MAX_BYTES, strict: true }));

  api.get('/health', (_req, res) => {
    res.json({ ok: true, data: { seq: engine.seq, protocolVersion: PROTOCOL_VERSION } });
  });

  api.get('/config', (_req, res) => {
    const data: ClientConfig = {
      protocolVersion: PROTOCOL_VERSION,
      tileUrl: config.tiles?.url ?? null,
      tileAttribution: config.tiles?.attribution ?? null,
      simulator: config.simulator.enabled ? { speed: config.simulator.speed } : null,
    };
    res.json({ ok: true, data });
  });

  api.get('/snapshot', (_req, res) => {
    res.json({ ok: true, data: engine.snapshot() });
  });

  api.get('/events', async (req, res) => {
    const query = EventsQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    res.json({ ok: true, data: await store.eventsAfter(query.data.after, query.data.limit) });
  });

  api.get('/cases/:custodyRef/timeline', async (req, res) => {
    const ref = CustodyRef.safeParse(req.params.custodyRef);
    if (!ref.success) return send(res, invalid(ref.error));
    const events = await store.eventsForCase(ref.data);
    if (events.length === 0) return send(res, { ok: false, error: { code: 'unknown_case', message: `No case with custody reference ${ref.data}.` } });
    const timeline: TimelineEntry[] = events.map(({ seq, at, recordedAt, type, actor, source, data }) => ({ seq, at, recordedAt, type, actor, source, data }));
    res.json({ ok: true, data: timeline });
  });

  api.get('/non-attendances', (req, res) => {
    const query = RegisterQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    const today = londonDay(engine.now());
    const { from = shiftDay(today, -6), to = today, ...rest } = query.data;
    res.json({ ok: true, data: nonAttendanceRegister(engine.state, { from, to, ...rest }) });
  });

  api.get('/coverage', (req, res) => {
    const query = CoverageQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    const today = londonDay(engine.now());
    const { from = today, to = today, groupBy } = query.data;
    res.json({ ok: true, data: coverageReport(engine.state, from, to, groupBy) });
  });

  api.get('/etd', (req, res) => {
    const query = CoverageQuery.safeParse(req.query);
    if (!query.success) return send(res, invalid(query.error));
    const today = londonDay(engine.now());
    const { from = shiftDay(today, -6), to = today } = query.data;
    res.json({ ok: true, data: etdReport(engine.state, from, to) });
  });

  api.get('/high-harm', (_req, res) => {
    const { highHarm, highHarmHistory } = engine.state;
    res.json({ ok: true, data: { current: highHarm, history: [...highHarmHistory].reverse() } });
  });

  api.post('/ingest', async (req, res) => {
    const batch = IngestBatch.safeParse(req.body);
    if (!batch.success) {
      log.warn('ingest.rejected', { code: 'invalid_input', ip: req.ip });
      return send(res, invalid(batch.error));
    }
    const result = await engine.ingest(batch.data, `feed:${batch.data.source}`);
    if (!result.ok) log.warn('ingest.rejected', { source: batch.data.source, code: result.error.code });
    send(res, result);
  });

  api.use((_req, res) => {
    res.status(404).json({ ok: false, error: { code: 'invalid_input', message: 'No such API route.' } });
  });
  api.use(apiErrors(log));
  return api;
}

/** Body-parser and unexpected errors as the same `{ ok: false, error }` shape, never a stack trace. */
function apiErrors(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const status = typeof error === 'object' && error && 'status' in error ? Number(error.status) : 500;
    if (status === 413) return send(res, { ok: false, error: { code: 'payload_too_large', message: `The body is larger than ${INGEST_MAX_BYTES} bytes.` } });
    if (status === 400) return send(res, { ok: false, error: { code: 'invalid_input', message: 'The body is not valid JSON.' } });
    log.error('api.error', { message: error instanceof Error ? error.message : String(error) });
    send(res, { ok: false, error: { code: 'internal', message: 'Something went wrong; nothing was changed.' } });
  };
}
