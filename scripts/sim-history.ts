/**
 * A year (or any number of days) of simulated history into the configured database:
 *   npm run sim:history -- [--days 365] [--seed 20141] [--last-day YYYY-MM-DD] [--step-minutes 5]
 * It ends with yesterday (London) unless told otherwise, and the log must not already hold facts
 * after its first day: run it on a new database, before the first `npm start`. Progress goes to
 * stderr, the summary (JSON) to stdout.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { londonDay, shiftDay } from '../protocol/index.js';
import { openStores } from '../db/open-stores.js';
import { ensureReference } from '../db/reference/index.js';
import { loadConfig } from '../server/config.js';
import { createLogger, silentLogger } from '../server/log.js';
import { generateHistory } from '../server/simulator/history.js';

const USAGE = 'usage: npm run sim:history -- [--days 365] [--seed N] [--last-day YYYY-MM-DD] [--step-minutes 5]';
const config = loadConfig();
const Args = z.object({
  days: z.coerce.number().int().min(1).max(3660).default(365),
  seed: z.coerce.number().int().default(config.simulator.seed),
  'last-day': z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default(shiftDay(londonDay(Date.now()), -1)),
  'step-minutes': z.coerce.number().int().min(1).max(60).default(5),
});
const { values } = parseArgs({
  options: { days: { type: 'string' }, seed: { type: 'string' }, 'last-day': { type: 'string' }, 'step-minutes': { type: 'string' } },
});
const parsed = Args.safeParse(values);
if (!parsed.success) {
  console.error(USAGE);
  console.error(parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
const args = parsed.data;
const stores = await openStores({ databaseUrl: config.databaseUrl ?? undefined, sqlitePath: config.dbPath, synchronous: config.dbSynchronous, log: silentLogger });
try {
  const reference = await ensureReference(stores.store);
  const started = performance.now();
  console.error(`Simulating ${args.days} days ending ${args['last-day']} (seed ${args.seed}) into ${config.databaseUrl ? 'PostgreSQL' : config.dbPath}…`);
  const result = await generateHistory({
    store: stores.store,
    reference,
    seed: args.seed,
    days: args.days,
    lastDay: args['last-day'],
    stepMinutes: args['step-minutes'],
    log: createLogger({ level: 'warn', destination: process.stderr }),
    onProgress: ({ day, events }) => process.stderr.write(`\r  ${day}: ${events.toLocaleString('en-GB')} facts`),
  });
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');
  console.log(JSON.stringify({ ...result, seconds: Math.round(seconds * 10) / 10 }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await stores.close();
}
