import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { SESSION_COOKIE } from '../../server/security/http.js';
import { recordDeltas, startOurs, tempDir, tokenOf } from './ours.js';
import { PROFILE_DIR } from './profile.js';
import { fmt, row, verdict, type MeasureResult } from './result.js';
import { summarise } from './stats.js';
import { sleep } from './time.js';
import { FactStream, nationalReference } from './world.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PROFILING = process.env.BENCH_PROFILE === '1';
/** BENCH_TRACE=1: a Chromium trace and a JS profile of the measured ticks (see trace-summary.ts). */
const TRACING = process.env.BENCH_TRACE === '1';
/** What the trace records: the main thread's tasks (script, style, layout, paint, GC) and the compositor's. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink', 'cc', 'toplevel', 'blink.user_timing'];

export interface ClientOptions {
  officers: number;
  suites: number;
  cases: number;
  warmupTicks: number;
  ticks: number;
  demandPerTick: number;
}

export const CLIENT_FULL: ClientOptions = { officers: 1500, suites: 250, cases: 2000, warmupTicks: 3, ticks: 20, demandPerTick: 10 };

/** Gzipped size of the scripts index.html loads before anything else (entry + modulepreloads). */
export function initialJs(dir: string): { gzip: number; files: string[] } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  const gzip = files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f.replace(/^\//, '')))).length, 0);
  return { gzip, files };
}

/**
 * The real dashboard, built by Vite into a temporary folder, in headless Chromium (1920×1080,
 * a wall-sized screen, signed in as a national duty manager) against the real server. Each second one batch arrives: every officer moves
 * (one `officers.moved`) plus a few arrests, checks and releases. Main-thread time per tick is
 * Chromium's own TaskDuration (CDP Performance metrics) over each one-second tick period, so it
 * counts script, style, layout and paint. Baseline: JSON.parse of the same message in the page.
 */
export async function client(o: ClientOptions = CLIENT_FULL): Promise<MeasureResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const dir = join(tempDir(), 'client');
  // When profiling, an unminified build keeps function names readable in the profile.
  const minify = PROFILING || TRACING ? ['--minify', 'false'] : [];
  execFileSync('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error', ...minify], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const js = initialJs(dir);
  const leafletGz = gzipSync(readFileSync(createRequire(import.meta.url).resolve('leaflet/dist/leaflet.js'))).length;

  const reference = nationalReference(o.suites, o.officers);
  const ours = await startOurs({ reference, clientDir: dir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const perTick: number[] = [];
  let idle: number[] = [];
  let longTasks: number[] = [];
  let parseMs = 0;
  let markers = 0;
  try {
    const stream = new FactStream(reference, 6, 'C');
    for (const b of stream.onDutyBatches()) await ours.ingest(b);
    for (let n = 0; n < o.cases; n += 500) await ours.ingest({ source: 'bench-custody', events: Array.from({ length: Math.min(500, o.cases - n) }, () => stream.arrest()) });

    // Signed in as a national duty manager (the role that sees every officer and case), by the
    // session cookie a sign-in would have set; the socket's handshake carries it on its own.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addCookies([{ name: SESSION_COOKIE, value: tokenOf(ours.cookie), url: ours.url, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(ours.url);
    // Officers are dots on a canvas or counted in badges; the map says how many it shows.
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=map]')?.getAttribute('data-officers-drawn')) >= n, Math.floor(o.officers * 0.9), { timeout: 60_000 });
    markers = Number(await page.getByTestId('map').getAttribute('data-officers-drawn'));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskMs = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    };
    const demand = () => Array.from({ length: o.demandPerTick }, (_, i) => (i % 3 === 0 ? stream.arrest() : i % 3 === 1 ? stream.check() : stream.release()));
    const recorder = recordDeltas(ours.app);
    // An idle second or three first: what the page costs with nothing arriving.
    if (TRACING) mkdirSync(PROFILE_DIR, { recursive: true });
    if (TRACING) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    idle = await secondsOf(3, taskMs, async () => {});
    if (TRACING) writeFileSync(join(PROFILE_DIR, 'client-idle-trace.json'), await browser.stopTracing());
    await page.evaluate(() => ((window as unknown as { __long: number[] }).__long.length = 0));
    const feed = () => ours.ingest({ source: 'bench-feed', events: [stream.moved(), ...demand()] });
    // Warm-up ticks stay out of the profile and the trace: they are dropped from the figures too.
    await secondsOf(o.warmupTicks, taskMs, feed);
    if (PROFILING || TRACING) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.setSamplingInterval', { interval: 200 })).then(() => cdp.send('Profiler.start'));
    if (TRACING) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const measured = await secondsOf(o.ticks, taskMs, feed);
    if (PROFILING || TRACING) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(PROFILE_DIR, { recursive: true });
      writeFileSync(join(PROFILE_DIR, 'client-page.cpuprofile'), JSON.stringify(profile));
      if (TRACING) writeFileSync(join(PROFILE_DIR, 'client-trace.json'), await browser.stopTracing());
      console.log(`  profile and trace of ${o.ticks} ticks in ${PROFILE_DIR}: node --import tsx scripts/bench/trace-summary.ts ${PROFILE_DIR} ${o.ticks}`);
    }
    perTick.push(...measured);
    recorder.stop();
    longTasks = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    const message = JSON.stringify(['sync:deltas', recorder.batches.at(-1) ?? []]);
    parseMs = await page.evaluate((s) => {
      JSON.parse(s);
      const t0 = performance.now();
      for (let i = 0; i < 10; i++) JSON.parse(s);
      return (performance.now() - t0) / 10;
    }, message);
  } finally {
    await browser.close();
    await ours.stop();
    ours.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
  const t = summarise(perTick);
  const i = summarise(idle);
  const worst = longTasks.length ? Math.max(...longTasks) : 0;
  return {
    id: 6,
    title: 'Client',
    setup:
      `Dashboard built with \`vite build\`, headless Chromium ${'(--disable-gpu)'} at 1920×1080, signed in as a national duty manager (sees every officer and case), ${o.suites} suites, ${o.officers} officers on duty (${fmt(markers, 0)} on the map, as dots or counted beside their suite), ${fmt(o.cases, 0)} open cases. ` +
      `${o.ticks} one-second ticks after ${o.warmupTicks} warm-up, each one batch: ${o.officers} officer moves + ${o.demandPerTick} arrests/checks/releases. ` +
      `Main-thread time = CDP TaskDuration over the tick's second (script + style + layout + paint). Long tasks from PerformanceObserver('longtask'). ` +
      `Baseline: JSON.parse of that tick's message in the same page (the least any client must do with it). Initial JS: gzip (level 6) of ${js.files.join(', ')}; its baseline is Leaflet's own minified build, gzipped.`,
    rows: [
      row('main-thread time per tick, p95', `${fmt(t.p95, 1)} ms`, `${fmt(parseMs, 1)} ms (JSON.parse)`, t.p95 / parseMs, '≤ 8 ms', verdict(t.p95 <= 8)),
      row('main-thread time per tick, p50', `${fmt(t.p50, 1)} ms`, `${fmt(i.p50, 1)} ms (idle second)`, t.p50 / i.p50, '—', 'INFO'),
      row('longest task', worst ? `${fmt(worst, 0)} ms (${longTasks.length} over 50 ms)` : 'none over 50 ms', '—', null, 'no task over 50 ms', verdict(worst <= 50)),
      row('initial JS, gzipped', `${fmt(js.gzip / 1024, 1)} KB`, `${fmt(leafletGz / 1024, 1)} KB (Leaflet alone)`, js.gzip / leafletGz, '≤ 150 KB', verdict(js.gzip <= 150 * 1024)),
    ],
  };
}

/** Runs `tick` once a second for `n` seconds; returns main-thread ms used in each second. */
export async function secondsOf(n: number, taskMs: () => Promise<number>, tick: () => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  let before = await taskMs();
  for (let k = 0; k < n; k++) {
    const started = Date.now();
    await tick();
    await sleep(Math.max(0, 1000 - (Date.now() - started)));
    const after = await taskMs();
    out.push(after - before);
    before = after;
  }
  return out;
}
