import { IngestBatch } from '../../protocol/index.js';
import type { EdgeContext } from '../security/context.js';
import { clientIp } from '../security/http.js';
import { sha256 } from '../security/secrets.js';
import type { GuardedRouter } from './guarded-router.js';
import { send } from './send.js';
import { invalid } from './validate.js';

/**
 * Feeds post facts with a per-source key (`Authorization: Bearer …`). A key names its source, and
 * may be limited to one region: a feed cannot write another source's facts or another region's.
 */
export function ingestRoute(api: GuardedRouter, ctx: EdgeContext): void {
  const { engine, auth, audit, log } = ctx;
  api.route('post', '/ingest', async (req, res) => {
    const ip = clientIp(req);
    const bearer = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.get('authorization') ?? '')?.[1];
    const key = bearer ? await auth.findIngestKey(sha256(bearer)) : null;
    if (!key || key.revoked) {
      await audit.security('ingest_key_rejected', ip, { presented: Boolean(bearer) });
      return send(res, { ok: false, error: { code: 'unauthenticated', message: 'A valid ingest key is required (Authorization: Bearer …).' } });
    }
    const batch = IngestBatch.safeParse(req.body);
    if (!batch.success) {
      await audit.security('malformed_ingest', ip, { source: key.source });
      return send(res, invalid(batch.error));
    }
    if (batch.data.source !== key.source)
      return send(res, { ok: false, error: { code: 'forbidden', message: `This key is for source "${key.source}", not "${batch.data.source}".` } });
    if (key.region) {
      const outside = batch.data.events.findIndex((e) => !withinRegion(ctx, e.data, key.region!));
      if (outside >= 0)
        return send(res, { ok: false, error: { code: 'forbidden', message: `events[${outside}] is outside this key's region (${key.region}).` } });
    }
    const result = await engine.ingest(batch.data, `feed:${batch.data.source}`);
    if (!result.ok) log.warn('ingest.rejected', { source: batch.data.source, code: result.error.code });
    send(res, result);
  });
}

/** Whether a fact names only suites, officers and cases of one region. */
function withinRegion({ engine }: EdgeContext, data: object, region: string): boolean {
  const state = engine.state;
  const d = data as Record<string, unknown>;
  const suiteIds = ['suiteId', 'toSuiteId'].map((k) => d[k]).filter((v): v is string => typeof v === 'string');
  if (suiteIds.some((id) => state.suites.get(id)?.region !== region)) return false;
  const officerIds = [d.officerId, ...(Array.isArray(d.positions) ? d.positions.map((p: { officerId: unknown }) => p.officerId) : [])];
  if (officerIds.some((id) => typeof id === 'string' && state.officers.get(id)?.region !== region)) return false;
  const ref = d.custodyRef;
  if (typeof ref === 'string' && !suiteIds.length) {
    const kase = state.cases.get(ref) ?? state.closedCases.get(ref);
    if (kase && kase.region !== region) return false;
  }
  return true;
}
