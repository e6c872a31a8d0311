/**
 * The live store's own work per one-second tick, in Node, with no page around it: `apply` of
 * measure 6's batch (1,500 officers moved, ten arrests, checks and releases with their suites'
 * figures over 2,000 open cases at 250 suites) and the effects that read the store, for this
 * checkout and for an older commit, run by turns in one process. Two screens: one where nothing
 * reads the cases (measure 6's), and one with a suite open (its waiting list, its ETD gaps, a
 * timeline, the headline). An experiment beside measure 6, whose page time it cannot isolate.
 *   node --import tsx scripts/bench/live-store.ts <older commit, e.g. main>
 * The stores are compiled as Vite would (test/support/compiled-client.ts) and run against Svelte's
 * client runtime (`--conditions=browser`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compiledClient, compileRunes } from '../../test/support/compiled-client.js';

const ROOT = resolve(import.meta.dirname, '../..');
const [base] = process.argv.slice(2);
if (!base) throw new Error('usage: live-store.ts <older commit>');

/** What a screen with one suite open reads, as its components do (`casesAt` where the store has it). */
const HARNESS = `
import { LiveStore } from './client/lib/live.svelte.js';
import { flushSync } from 'svelte';
export let sink = 0;
export function setup(open, suiteId, ref) {
  const live = new LiveStore();
  if (open)
    $effect.root(() => {
      const waiting = $derived(live.waitingAt(suiteId));
      const held = $derived(typeof live.casesAt === 'function' ? live.casesAt(suiteId) : [...live.cases.values()].filter((c) => c.suiteId === suiteId));
      const gaps = $derived(held.filter((c) => !c.released && c.etd.required && c.etd.appliedAt === null).sort((a, b) => a.paceDeadline - b.paceDeadline));
      const c = $derived(live.cases.get(ref));
      $effect(() => { sink += waiting.length; });
      $effect(() => { sink += gaps.length; });
      $effect(() => { sink += c ? 1 : 0; });
      $effect(() => { sink += live.totals.onDuty + live.totals.inCustody; });
    });
  return { live, flush: () => flushSync() };
}`;

const dir = mkdtempSync(join(tmpdir(), 'nexus-live-store-'));
const stores = { before: compiledClient(base), after: compiledClient(null) };
try {
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const [name, store] of Object.entries(stores)) {
    writeFileSync(join(store.dir, 'harness.svelte.js'), compileRunes(HARNESS, 'harness.svelte.js'));
    symlinkSync(store.dir, join(dir, name));
  }
  const runner = join(dir, 'run.ts');
  writeFileSync(runner, readFileSync(join(import.meta.dirname, 'live-store-run.ts'), 'utf8'));
  execFileSync(process.execPath, ['--conditions=browser', '--import', 'tsx', runner, base], { stdio: 'inherit', cwd: dir });
} finally {
  rmSync(dir, { recursive: true, force: true });
  for (const store of Object.values(stores)) store.cleanup();
}
