/**
 * `npm run bench` (scripts/bench.sh raises the file limit and starts this with --expose-gc).
 * Runs each measure in turn, prints the table and writes docs/benchmarks.md.
 *   --only=1,3   run some measures only (the doc is then not written unless --write); `1c`, `4c`
 *                and `8c` are measures 1, 4 and 8 on a 2-node cluster, 9 is failover (those need
 *                PostgreSQL and Redis: NEXUS_BENCH_PG_URL, NEXUS_BENCH_REDIS_URL)
 *   --no-write   print only
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { consoleTable, markdown, runInfo } from './bench/report.js';
import { keysOf, MEASURES } from './bench/measures.js';
import type { MeasureResult } from './bench/result.js';
import { nowMs } from './bench/time.js';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const write = args.includes('--write') || (!only && !args.includes('--no-write'));

const started = nowMs();
const loadAtStart = loadavg()[0]!;
const results: MeasureResult[] = [];
for (const measure of MEASURES) {
  if (only && !keysOf(measure).some((key) => only.includes(key))) continue;
  process.stdout.write(`\n▶ ${measure.name}…\n`);
  const t0 = nowMs();
  try {
    const done = await measure.run(results);
    const seconds = (nowMs() - t0) / 1000;
    for (const r of done) results.push({ ...r, seconds: seconds / done.length });
    process.stdout.write(consoleTable(done) + `\n  (${(seconds).toFixed(0)} s)\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`  ${measure.name} failed:`, error);
    for (const id of measure.ids) results.push({ id, ...(measure.variant ? { variant: measure.variant } : {}), title: measure.name, setup: 'Did not complete.', rows: [], error: message });
  }
}
// Stable: each cluster variant stays right after its single-node measure.
results.sort((a, b) => a.id - b.id);
const seconds = (nowMs() - started) / 1000;
console.log('\n' + consoleTable(results));
console.log(`\nTotal ${seconds.toFixed(0)} s`);

if (write) {
  const analysis = readFileSync(join(import.meta.dirname, 'bench', 'analysis.md'), 'utf8');
  const doc = markdown(results, runInfo('npm run bench', seconds, loadAtStart), analysis);
  writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), doc);
  console.log('Wrote docs/benchmarks.md');
}
// Handles of closed servers and children can linger a moment; the suite is done.
process.exit(0);
