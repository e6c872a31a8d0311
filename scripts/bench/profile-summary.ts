/**
 * Summarises a V8 .cpuprofile (from `BENCH_PROFILE=1 npm run bench -- --only=N`, or node
 * --cpu-prof): self time by function and by package or project folder, to say what dominates.
 *   node --import tsx scripts/bench/profile-summary.ts /tmp/nexus-bench-profiles/ingest-NORMAL.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url: string): string => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const p = /\/(protocol|server\/[^/]+|db|scripts\/bench)\//.exec(url);
  if (p) return p[1]!;
  return url.startsWith('node:') ? 'node core' : url ? 'other' : '(native/gc/idle)';
};
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const { functionName, url, lineNumber } = n.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/(main|nexus-head)\//, '')}:${lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  pkg.set(where(url), (pkg.get(where(url)) ?? 0) + us);
}
const show = (m: Map<string, number>, n: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`).join('\n');
console.log(`total ${(total / 1000).toFixed(0)} ms\n\nby package / folder:\n${show(pkg, 15)}\n\nby function (self):\n${show(fn, top)}`);
