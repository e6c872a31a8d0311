import { z } from 'zod';

/**
 * A request id (`X-Request-Id`) from a client or proxy, or a node's name: short and plain, so it
 * is safe to echo in a header and to write in every log line. Anything else is replaced, not refused.
 */
export const TraceId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'an id is 1 to 64 letters, digits, dots, underscores, colons or dashes');

/** GET /livez: the process answers. Nothing else is checked, so a busy database never gets it restarted. */
export const LivenessReport = z.strictObject({ status: z.literal('live'), node: TraceId });
export type LivenessReport = z.infer<typeof LivenessReport>;

/** One named condition of readiness, e.g. `database` or `projection`. */
export const ReadinessCheckResult = z.strictObject({ ok: z.boolean(), detail: z.string().max(200).optional() });
export type ReadinessCheckResult = z.infer<typeof ReadinessCheckResult>;

export const READINESS_PHASES = ['starting', 'ready', 'stopping'] as const;

/**
 * GET /readyz: 200 when the phase is `ready` and every check passes, otherwise 503. While starting
 * or stopping the checks are not run (the database may not be open), so `checks` is empty.
 */
export const ReadinessReport = z.strictObject({
  ready: z.boolean(),
  phase: z.enum(READINESS_PHASES),
  node: TraceId,
  checks: z.record(z.string(), ReadinessCheckResult),
});
export type ReadinessReport = z.infer<typeof ReadinessReport>;
