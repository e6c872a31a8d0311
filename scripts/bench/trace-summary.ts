/**
 * Where measure 6's main-thread time goes, from what `BENCH_TRACE=1` wrote (scripts/bench/client.ts):
 * the page's main-thread trace events by self time (script, style, layout, paint, GC, compositing)
 * and the JS profile's functions by self and by total time, each per tick.
 *   BENCH_TRACE=1 bash scripts/bench.sh --only=6 --no-write
 *   node --import tsx scripts/bench/trace-summary.ts /tmp/nexus-bench-profiles [ticks] [top] [client-trace | client-idle-trace]
 * client-idle-trace is the idle seconds before the ticks (no JS profile).
 * The build is unminified when tracing, so function names are the source's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceEvent } from './trace-event.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [dir, ticksArg, topArg, traceName = 'client-trace'] = process.argv.slice(2);
if (!dir) throw new Error('usage: trace-summary.ts <dir with client-trace.json and client-page.cpuprofile> [ticks] [top]');
const ticks = Number(ticksArg ?? 20);
const top = Number(topArg ?? 20);
const perTick = (us: number) => `${(us / 1000 / ticks).toFixed(2).padStart(7)} ms`;
const table = (m: Map<string, number>, n: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${perTick(us)}  ${k}`).join('\n');
const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);

// --- The trace: self time of each event on the page's main thread, nested by time.
const raw = JSON.parse(readFileSync(join(dir, `${traceName}.json`), 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
const events = Array.isArray(raw) ? raw : raw.traceEvents;
const threadNames = new Map<string, string>();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');

/** Complete events (X, or B/E pairs) by thread. */
const byThread = new Map<string, { name: string; ts: number; end: number; cpu: number; what?: string }[]>();
const open = new Map<string, TraceEvent[]>();
for (const e of events) {
  const key = `${e.pid}:${e.tid}`;
  if (e.ph === 'X' && e.dur !== undefined) (byThread.get(key) ?? byThread.set(key, []).get(key)!).push({ name: e.name, ts: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur, what: origin(e) });
  else if (e.ph === 'B') (open.get(key) ?? open.set(key, []).get(key)!).push(e);
  else if (e.ph === 'E') {
    const b = open.get(key)?.pop();
    if (b) (byThread.get(key) ?? byThread.set(key, []).get(key)!).push({ name: b.name, ts: b.ts, end: e.ts, cpu: e.ts - b.ts });
  }
}

/** What a task ran: a JS function (name, file, line), a DOM event's type, a timer or a frame. */
function origin(e: TraceEvent): string | undefined {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' && d) return `FunctionCall ${d.functionName || '(anonymous)'} ${(d.url ?? '').replace(/^.*\/assets\//, '')}:${(d.lineNumber ?? 0) + 1}`;
  if (e.name === 'EventDispatch' && d) return `EventDispatch ${d.type}`;
  if (['TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'XHRReadyStateChange', 'ParseHTML', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'MajorGC', 'MinorGC'].includes(e.name)) return e.name;
  return undefined;
}

/** Self time by event name, and busy time (outermost events only), of one thread. */
function selfTimes(list: { name: string; ts: number; end: number; cpu: number }[]): { self: Map<string, number>; busy: number; cpu: number } {
  const sorted = [...list].sort((a, b) => a.ts - b.ts || b.end - a.end);
  const self = new Map<string, number>();
  const stack: { name: string; end: number; children: number; ts: number; cpu: number }[] = [];
  let busy = 0;
  let cpu = 0;
  const close = (upTo: number) => {
    while (stack.length && stack.at(-1)!.end <= upTo) {
      const done = stack.pop()!;
      add(self, done.name, done.end - done.ts - done.children);
      if (stack.length) stack.at(-1)!.children += done.end - done.ts;
      else {
        busy += done.end - done.ts;
        cpu += done.cpu;
      }
    }
  };
  for (const e of sorted) {
    close(e.ts);
    stack.push({ name: e.name, ts: e.ts, end: Math.min(e.end, stack.at(-1)?.end ?? Infinity), children: 0, cpu: e.cpu });
  }
  close(Infinity);
  return { self, busy, cpu };
}

const threads = [...byThread].map(([key, list]) => ({ key, name: threadNames.get(key) ?? key, ...selfTimes(list) }));
const main = threads.filter((t) => t.name === 'CrRendererMain').sort((a, b) => b.busy - a.busy)[0];
if (!main) throw new Error('No CrRendererMain thread in the trace');
console.log(`Trace: ${ticks} ticks; per tick:\n\nbusy time by thread (wall; CPU, which a loaded machine does not inflate):`);
console.log(threads.sort((a, b) => b.busy - a.busy).slice(0, 8).map((t) => `${perTick(t.busy)}  ${perTick(t.cpu)} CPU  ${t.name}${t === main ? ' (the page)' : ''}`).join('\n'));
console.log(`\nthe page's main thread, self time by event:\n${table(main.self, top)}`);
// Inclusive time of what each task ran (nested ones are counted inside their callers too).
const ran = new Map<string, number>();
for (const e of byThread.get(main.key) ?? []) if (e.what) add(ran, e.what, e.end - e.ts);
console.log(`\nthe page's main thread, what ran (inclusive):\n${table(ran, top)}`);

// --- The JS profile: self and total time by function (each function counted once per sample).
if (traceName !== 'client-trace') process.exit(0);
const profile = JSON.parse(readFileSync(join(dir, 'client-page.cpuprofile'), 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
for (const n of profile.nodes) for (const c of n.children ?? []) nodes.get(c)!.parent = n.id;
const label = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url.replace(/^.*\/assets\//, '').replace(/-[\w-]{8}\.js$/, '.js');
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
};
const selfFn = new Map<string, number>();
const totalFn = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i + 1] ?? 0;
  const leaf = nodes.get(id)!;
  add(selfFn, label(leaf), us);
  const seen = new Set<string>();
  for (let n: ProfileNode | undefined = leaf; n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
    const k = label(n);
    if (!seen.has(k)) add(totalFn, k, us);
    seen.add(k);
  }
});
const quiet = new Set(['(idle)', '(root)', '(program)']);
for (const k of [...totalFn.keys()]) if (quiet.has(k)) totalFn.delete(k);
selfFn.delete('(idle)');
console.log(`\nJS profile, self time by function:\n${table(selfFn, top)}`);
console.log(`\nJS profile, total time by function (callees included):\n${table(totalFn, top)}`);
