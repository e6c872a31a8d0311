/**
 * Imports a region's past records into the configured database:
 *   npm run import -- <file.jsonl> [--source <feed>] [--region <force>] [--batch 500]
 * One ingest fact per line (docs/feeds.md, "Importing history"), through the same validation and
 * (source, id) idempotency as POST /api/ingest: a second run imports nothing twice. Progress on
 * stderr; the summary (JSON, every refused line with its code) on stdout. Exit status 0 when every
 * line was imported or already there, 1 when some were refused, 2 for bad arguments.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { INGEST_MAX_EVENTS, IngestBatch } from '../protocol/index.js';
import { withinRegions } from '../server/domain/index.js';
import { loadConfig } from '../server/config.js';
import { importLines } from '../server/import/history-import.js';
import { createLogger } from '../server/log.js';
import { openOfflineEngine } from '../server/offline-engine.js';

const USAGE = 'usage: npm run import -- <file.jsonl> [--source <feed>] [--region <force>] [--batch 500]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { source: { type: 'string' }, region: { type: 'string' }, batch: { type: 'string' } },
});
const Args = z.object({
  file: z.string().min(1),
  source: IngestBatch.shape.source.default('import'),
  region: z.string().min(1).optional(),
  batch: z.coerce.number().int().min(1).max(INGEST_MAX_EVENTS).default(INGEST_MAX_EVENTS),
});
const parsed = Args.safeParse({ ...values, file: positionals[0] });
if (!parsed.success || positionals.length !== 1) {
  console.error(USAGE);
  if (!parsed.success) console.error(parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
const args = parsed.data;
let size: number;
try {
  size = statSync(args.file).size;
} catch {
  console.error(`Cannot read ${args.file}.`);
  process.exit(2);
}

const config = loadConfig();
const offline = await openOfflineEngine(config, createLogger({ level: 'warn', destination: process.stderr }));
try {
  if (args.region && !offline.reference.suites.some((s) => s.region === args.region)) {
    console.error(`No region called "${args.region}" in the reference data.`);
    process.exitCode = 2;
  } else {
    const input = createReadStream(args.file, 'utf8');
    const lines = createInterface({ input, crlfDelay: Infinity });
    console.error(`Importing ${args.file} as source "${args.source}"${args.region ? ` for ${args.region}` : ''} into ${config.databaseUrl ? 'PostgreSQL' : config.dbPath}…`);
    const summary = await importLines(lines, offline.engine, {
      source: args.source,
      guard: withinRegions(args.region ? [args.region] : []),
      batchSize: args.batch,
      onProgress: (s) => {
        const pct = size === 0 ? 100 : Math.min(100, Math.round((input.bytesRead / size) * 100));
        process.stderr.write(`\r  ${pct}%: ${s.lines} lines, ${s.applied} applied, ${s.duplicates} already there, ${s.refused} refused`);
      },
    });
    process.stderr.write('\n');
    for (const r of summary.refusals.slice(0, 20)) console.error(`  line ${r.line}: ${r.code}: ${r.message}`);
    if (summary.refusals.length > 20) console.error(`  … and ${summary.refusals.length - 20} more (all in the summary on stdout)`);
    const byCode = Object.entries(summary.refusedByCode).map(([code, n]) => `${code} ${n}`).join(', ');
    console.error(`Imported ${summary.applied}, already there ${summary.duplicates}, refused ${summary.refused}${byCode ? ` (${byCode})` : ''}.`);
    console.log(JSON.stringify(summary));
    if (summary.refused > 0) process.exitCode = 1;
  }
} finally {
  await offline.close();
}
