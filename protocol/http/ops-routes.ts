import { z } from 'zod';
import { LivenessReport, ReadinessReport } from '../ops.js';
import { route } from './route.js';

/** This API's own description: public, because it holds shapes and rules, never data. */
export const DOC_ROUTES = {
  'GET /api/openapi.json': route({
    tag: 'Operations',
    summary: 'This API as an OpenAPI 3.1 document',
    description: 'Generated from the route table in protocol/http, the same schemas the server parses with.',
    access: 'public',
    response: z.record(z.string(), z.unknown()).describe('An OpenAPI 3.1 document.'),
    answer: { kind: 'json' },
  }),
  'GET /api/docs': route({
    tag: 'Operations',
    summary: 'This API as a readable reference page',
    access: 'public',
    response: z.string().describe('An HTML page with no script.'),
    answer: { kind: 'text', mediaType: 'text/html' },
  }),
};

/**
 * What operators' tools call, at the paths they expect, outside `/api` (server/ops/ops-routes.ts
 * serves them; a test compares them with this table).
 */
export const OPS_ROUTES = {
  'GET /livez': route({
    tag: 'Operations',
    summary: 'The process answers',
    description: 'Nothing else is checked, so a busy database never gets the process restarted.',
    access: 'public',
    response: LivenessReport,
    answer: { kind: 'json' },
  }),
  'GET /readyz': route({
    tag: 'Operations',
    summary: 'Ready for traffic: started, state caught up with the log, database reachable',
    access: 'public',
    response: ReadinessReport,
    answer: { kind: 'json', alsoWith: { status: 503, description: 'Not ready (starting, stopping, or a check failed); the same report.' } },
  }),
  'GET /metrics': route({
    tag: 'Operations',
    summary: 'Prometheus metrics',
    description: 'Exists only when NEXUS_METRICS_TOKEN is set (404 otherwise).',
    access: 'metrics-token',
    response: z.string().describe('Prometheus text exposition format.'),
    answer: { kind: 'text', mediaType: 'text/plain; version=0.0.4' },
  }),
};
