/**
 * What each kind of fact costs the dashboard's main thread, in measure 6's world: the same page,
 * a second at a time, with nothing arriving (idle), only the officers' moves, only the demand
 * (arrests, checks, releases) and both (a tick of measure 6). Beside it, the floor: a blank page
 * in the same browser whose only work is a clock's text changing once a second, the least any
 * live page costs here. Rounds are interleaved so the machine's noise falls on every kind alike.
 * An experiment for finding where measure 6's time goes, not a measure.
 *   npx vite build --outDir /tmp/nexus-split && node --import tsx scripts/bench/client-split.ts /tmp/nexus-split [seconds per kind per round] [rounds]
 */
import type { Page } from 'playwright-core';
import { secondsOf } from './client.js';
import { startClientWorld } from './client-world.js';
import { summarise } from './stats.js';
import { sleep } from './time.js';

const [clientDir, secondsArg = '6', roundsArg = '3'] = process.argv.slice(2);
if (!clientDir) throw new Error('usage: client-split.ts <built client dir> [seconds per kind per round] [rounds]');
const seconds = Number(secondsArg);
const rounds = Number(roundsArg);

/** Main-thread task time per second (CDP TaskDuration, as measure 6 reads it) while `each` runs once a second. */
async function taskSeconds(page: Page, n: number, each: () => Promise<void>): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  const out = await secondsOf(n, taskMs, each);
  await cdp.detach();
  return out;
}

const world = await startClientWorld(clientDir);
try {
  const page = await world.open(1920, 1080);
  const floor = await world.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await floor.setContent(`<p id="t"></p><script>setInterval(() => (t.textContent = new Date().toLocaleTimeString('en-GB')), 1000)</script>`);
  const kinds: [string, Page, () => Promise<void>][] = [
    ['floor: a blank page with a clock', floor, async () => {}],
    ['idle: nothing arrives', page, async () => {}],
    ['demand only: 10 arrests, checks, releases', page, () => world.send({ moves: false, demand: 10 })],
    ['moves only: 1,500 officers move', page, () => world.send({ moves: true, demand: 0 })],
    ['both: a tick of measure 6', page, () => world.send({ moves: true, demand: 10 })],
  ];
  for (let i = 0; i < 3; i++) await world.tick(10).then(() => sleep(1000));
  const results = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const [name, on, each] of kinds) {
      // One unmeasured second first: what the kind before left behind is not this kind's.
      await taskSeconds(on, 1, each);
      results.set(name, [...(results.get(name) ?? []), ...(await taskSeconds(on, seconds, each))]);
    }
  }
  console.log(`main-thread ms per second, ${rounds} rounds × ${seconds} s of each (p50 / p95 / max):`);
  for (const [name, ms] of results) {
    const s = summarise(ms);
    console.log(`  ${s.p50.toFixed(1).padStart(5)} / ${s.p95.toFixed(1).padStart(5)} / ${s.max.toFixed(1).padStart(5)}  ${name}`);
  }
} finally {
  await world.close();
}
process.exit(0);
