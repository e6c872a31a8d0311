import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import type { LivenessReport } from '../../protocol/index.js';
import { send } from '../transport/send.js';
import type { NexusMetrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export interface OpsDeps {
  readiness: Readiness;
  metrics: NexusMetrics;
  /** Null: `/metrics` is not served at all (404), so nothing is exposed by default. */
  metricsToken: string | null;
  nodeId: string;
}

/**
 * What operators' tools call, at the paths they expect: `/livez`, `/readyz` (JSON, for
 * orchestrators and load balancers, no sign-in) and `/metrics` (Prometheus text, bearer token).
 */
export function opsRoutes({ readiness, metrics, metricsToken, nodeId }: OpsDeps): express.Router {
  const ops = express.Router();
  ops.get('/livez', (_req, res) => {
    res.json({ status: 'live', node: nodeId } satisfies LivenessReport);
  });
  ops.get('/readyz', async (_req, res) => {
    const report = await readiness.report();
    res.status(report.ready ? 200 : 503).json(report);
  });
  if (metricsToken !== null) {
    ops.get('/metrics', bearer(metricsToken), async (_req, res) => {
      const { contentType, body } = await metrics.scrape();
      res.type(contentType).send(body);
    });
  }
  return ops;
}

/** Lets through only `Authorization: Bearer <token>`, compared in constant time. */
function bearer(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const presented = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
    // Digests have one length, so the comparison's time says nothing about the token.
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    send(res, { ok: false, error: { code: 'unauthenticated', message: 'A valid metrics token is required (Authorization: Bearer …).' } });
  };
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
