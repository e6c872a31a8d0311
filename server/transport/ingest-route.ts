import { IngestBatch } from '../../protocol/index.js';
import { withinRegions } from '../domain/index.js';
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
    // A regional key's facts are checked inside the write queue, on the state they are applied to.
    const result = await engine.ingest(batch.data, `feed:${batch.data.source}`, withinRegions(key.region ? [key.region] : []));
    if (!result.ok) log.warn('ingest.rejected', { source: batch.data.source, code: result.error.code });
    send(res, result);
  });
}
