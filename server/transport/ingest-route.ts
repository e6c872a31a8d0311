import { withinRegions } from '../domain/index.js';
import type { EdgeContext } from '../security/context.js';
import type { GuardedRouter } from './guarded-router.js';

/**
 * Feeds post facts with a per-source key (`Authorization: Bearer …`, checked by the guarded
 * router). A key names its source, and may be limited to one region: a feed cannot write another
 * source's facts or another region's.
 */
export function ingestRoute(api: GuardedRouter, ctx: EdgeContext): void {
  const { engine, log } = ctx;
  api.route('POST /api/ingest', async ({ body: batch, caller: key, refuse }) => {
    if (batch.source !== key.source) return refuse('forbidden', `This key is for source "${key.source}", not "${batch.source}".`);
    // A regional key's facts are checked inside the write queue, on the state they are applied to.
    const result = await engine.ingest(batch, `feed:${batch.source}`, withinRegions(key.region ? [key.region] : []));
    if (!result.ok) log.warn('ingest.rejected', { source: batch.source, code: result.error.code });
    return result;
  });
}
