/**
 * Runs retention now on the configured database (the leader node also runs it daily):
 *   npm run retention
 * Cases whose last fact is older than NEXUS_RETENTION_DAYS get pseudonyms in place of their custody
 * references, in the log and every read model, in one transaction; the run is audited as done by
 * this console's user. Prints what was changed (JSON) on stdout.
 */
import { userInfo } from 'node:os';
import { openStores } from '../db/open-stores.js';
import { loadConfig } from '../server/config.js';
import { silentLogger } from '../server/log.js';
import { runRetention } from '../server/retention/run-retention.js';

const config = loadConfig();
const stores = await openStores({ databaseUrl: config.databaseUrl ?? undefined, sqlitePath: config.dbPath, synchronous: config.dbSynchronous, log: silentLogger });
try {
  console.error(`Pseudonymising cases older than ${config.retentionDays} days in ${config.databaseUrl ? 'PostgreSQL' : config.dbPath}…`);
  const run = await runRetention({ store: stores.store, auth: stores.auth, now: Date.now(), retentionDays: config.retentionDays, actor: `console:${userInfo().username}` });
  console.error(`${run.counts.cases} cases (last fact before ${run.cutoffDay}): ${run.counts.events} facts rewritten; the run is in the audit trail.`);
  console.log(JSON.stringify(run));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await stores.close();
}
