/**
 * How many Svelte effects and deriveds run per second in measure 6's world, idle and with ticks,
 * by the function that runs (its first characters). Builds the dashboard into a temporary folder
 * with Svelte's `update_effect` and `execute_derived` counting each call, so it names what re-runs
 * every tick that need not. An experiment for finding work, not a measure.
 *   node --import tsx scripts/bench/client-runs.ts [ticks] [top]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';
import { startClientWorld } from './client-world.js';
import { tempDir } from './ours.js';
import { sleep } from './time.js';

const [ticksArg = '8', topArg = '40'] = process.argv.slice(2);
const ROOT = join(import.meta.dirname, '..', '..');

/** Counts each run by its function in `globalThis.__runs`; `__kind` says effect or derived. */
const count = (kind: string, v: string) =>
  `(globalThis.__runs ??= new Map()).set(${v}.fn, (globalThis.__runs.get(${v}.fn) ?? 0) + 1); ${v}.fn.__kind = '${kind}';`;
const counting: Plugin = {
  name: 'count-svelte-runs',
  transform(code, id) {
    if (id.endsWith('svelte/src/internal/client/runtime.js')) return code.replace('export function update_effect(effect) {', `$& ${count('effect', 'effect')}`);
    if (id.endsWith('svelte/src/internal/client/reactivity/deriveds.js')) return code.replace('export function execute_derived(derived) {', `$& ${count('derived', 'derived')}`);
    return null;
  },
};
/** Reads the counts in the page (grouped by the function's source) and starts them again. */
const READ = `(() => {
  const out = new Map();
  for (const [fn, n] of globalThis.__runs ?? []) {
    const k = fn.__kind + ' ' + fn.toString().replace(/\\s+/g, ' ').slice(0, 110);
    out.set(k, (out.get(k) ?? 0) + n);
  }
  globalThis.__runs = new Map();
  return [...out];
})()`;

const parent = tempDir();
const dir = join(parent, 'client');
await build({ root: join(ROOT, 'client'), configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', plugins: [counting], build: { outDir: dir, emptyOutDir: true, minify: false } });
const world = await startClientWorld(dir);
try {
  const page = await world.open(1920, 1080);
  await sleep(3000);
  const ticks = Number(ticksArg);
  for (const mode of ['idle', 'ticks']) {
    await page.evaluate(READ);
    for (let i = 0; i < ticks; i++) {
      const t0 = Date.now();
      if (mode === 'ticks') await world.tick();
      await sleep(1000 - (Date.now() - t0));
    }
    const runs = (await page.evaluate(READ)) as [string, number][];
    const total = runs.reduce((n, [, r]) => n + r, 0);
    console.log(`--- ${mode}: ${(total / ticks).toFixed(0)} runs a second`);
    for (const [what, n] of runs.sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) console.log(`${(n / ticks).toFixed(1).padStart(7)}  ${what}`);
  }
} finally {
  await world.close();
  rmSync(parent, { recursive: true, force: true });
}
process.exit(0);
