/**
 * The timing half of live-store.ts, run from the folder it prepared (two compiled stores side by
 * side) under `--conditions=browser`. Not run on its own.
 */
import type { CaseView, Delta, Snapshot } from '../../protocol/index.js';

/** What each compiled harness (written by live-store.ts) exports; the stores are this checkout's and an older one's. */
interface Harness {
  setup(open: boolean, suiteId: string, ref: string): { live: { replace(s: Snapshot, cursor: unknown): void; apply(batch: Delta[]): { ok: boolean } }; flush(): void };
}
// The folders exist only beside the copy live-store.ts runs, so they are imported by name at run time.
const load = (name: string) => import(`./${name}/harness.svelte.js`) as Promise<Harness>;
const [before, after] = await Promise.all([load('before'), load('after')]);

const SUITES = 250;
const OFFICERS = 1500;
const CASES = 2000;
const TICKS = 300;
const ROUNDS = 7;
const T0 = Date.UTC(2026, 11, 4, 9);

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
let refs = 0;
const kase = (custodyRef: string, s: number, o: object = {}) => ({
  custodyRef,
  suiteId: `S${s}`,
  region: 'R',
  released: null,
  check: null,
  highHarm: { highHarm: random() < 0.1 },
  paceDeadline: T0 + random() * 1e8,
  relevantTime: T0 - random() * 1e7,
  etd: { required: random() < 0.3, appliedAt: null },
  ...o,
});
const position = (i: number): [string, number, number] => [`O${i}`, 51 + random(), -1 + random()];

// The fields the store reads; the rest of each view does not matter to its timing.
const snapshot = {
  seq: 1,
  suites: Array.from({ length: SUITES }, (_, i) => ({ id: `S${i}`, name: `Suite ${i}`, region: `R${i % 10}`, open: true, inCustody: 8, pendingChecks: 4, footfall: 0, today: {} })),
  officers: Array.from({ length: OFFICERS }, (_, i) => ({ id: `O${i}`, status: i % 3 ? 'available' : 'at_suite', lat: 51, lng: -1, suiteId: null })),
  cases: Array.from({ length: CASES }, () => kase(`C${refs++}`, Math.floor(random() * SUITES))),
  assignments: [],
  highHarm: null,
  derived: { at: 0, alerts: [], ccuQueue: [], capacity: {} },
} as unknown as Snapshot;
/** Measure 6's second: every officer moves, then ten events, each with its case and its suite's figures. */
const held = snapshot.cases.map((c: CaseView) => c.custodyRef);
let seq = 1;
const seconds = Array.from({ length: TICKS }, () => {
  const batch: { seq: number; patch: object }[] = [{ seq: ++seq, patch: { positions: Array.from({ length: OFFICERS }, (_, i) => position(i)) } }];
  for (let k = 0; k < 10; k++) {
    const s = Math.floor(random() * SUITES);
    const c = k % 3 === 0 ? kase(`C${refs++}`, s) : kase(held[Math.floor(random() * held.length)]!, s, k % 3 === 1 ? { check: { outcome: 'no_trace' } } : { released: { at: T0 } });
    if (k % 3 === 0) held.push(c.custodyRef);
    batch.push({ seq: ++seq, patch: { cases: [c], suites: [{ id: c.suiteId, open: true, inCustody: 8 + k, pendingChecks: 3, footfall: 0, today: {} }] } });
  }
  return batch as unknown as Delta[];
});

/** Milliseconds per second of the feed: apply, then run the effects that read the store. */
function time(store: Harness, open: boolean): number {
  const { live, flush } = store.setup(open, 'S1', snapshot.cases[0]!.custodyRef);
  live.replace(structuredClone(snapshot), { feed: 'bench', version: 0 });
  flush();
  const feed = structuredClone(seconds);
  const t0 = performance.now();
  for (const batch of feed) {
    if (!live.apply(batch).ok) throw new Error('a gap in the bench feed');
    flush();
  }
  return (performance.now() - t0) / TICKS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(2);
for (const [open, screen] of <[boolean, string][]>[
  [false, 'nothing reads the cases (measure 6)'],
  [true, 'one suite open (its queue, its ETD gaps, a timeline, the headline)'],
]) {
  const was: number[] = [];
  const now: number[] = [];
  // A round each first, dropped: the first runs pay for compiling the code they reach.
  time(before, open);
  time(after, open);
  for (let round = 0; round < ROUNDS; round++) {
    was.push(time(before, open));
    now.push(time(after, open));
  }
  console.log(`${screen}: ms per tick, median of ${ROUNDS} × ${TICKS}: ${process.argv[2]} ${median(was)}, this checkout ${median(now)}`);
}
