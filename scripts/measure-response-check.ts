/**
 * What NEXUS_CHECK_RESPONSES costs on the largest answer: parsing a national snapshot (250 suites,
 * 1,500 officers, 10,000 open cases) with its schema, beside serialising it to JSON.
 * Not part of npm test: `npx tsx scripts/measure-response-check.ts [repeats]` (decision 36).
 */
import { Snapshot } from '../protocol/index.js';
import { startOurs } from './bench/ours.js';
import { percentile } from './bench/stats.js';
import { FactStream, nationalReference } from './bench/world.js';

const repeats = Number(process.argv[2] ?? 7);
const reference = nationalReference(250, 1500);
const ours = await startOurs({ reference });
try {
  const stream = new FactStream(reference, 5, 'S');
  for (const batch of stream.onDutyBatches()) await ours.ingest(batch);
  for (let n = 0; n < 10_000; n += 500) await ours.ingest({ source: 'bench-custody', events: Array.from({ length: 500 }, () => stream.arrest()) });
  const snapshot = ours.app.engine.snapshot();
  const time = (work: () => void) =>
    Array.from({ length: repeats }, () => {
      const t0 = performance.now();
      work();
      return performance.now() - t0;
    });
  const parse = time(() => {
    if (!Snapshot.safeParse(snapshot).success) throw new Error('the snapshot does not match its schema');
  });
  const stringify = time(() => JSON.stringify(snapshot));
  console.error(`snapshot: ${snapshot.cases.length} cases, ${snapshot.officers.length} officers, ${JSON.stringify(snapshot).length} bytes of JSON`);
  const range = (ms: number[]) => `median ${percentile(ms, 50).toFixed(1)}, min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)} (first ${ms[0]!.toFixed(1)})`;
  console.error(`parse with its schema, ms: ${range(parse)}`);
  console.error(`JSON.stringify, ms: ${range(stringify)}`);
} finally {
  await ours.stop();
  ours.cleanup();
}
