/**
 * Which part of the dashboard costs what per tick, in measure 6's world: the main-thread time per
 * one-second tick (CDP TaskDuration, median and p95 of 8), idle and with ticks, with parts of the
 * page hidden by CSS one at a time. An experiment for finding where the time goes, not a measure;
 * on a loaded machine compare only runs made together.
 *   npx vite build --outDir /tmp/nexus-look && node --import tsx scripts/bench/client-parts.ts /tmp/nexus-look ['as is' …]
 */
import { startClientWorld } from './client-world.js';
import { summarise } from './stats.js';
import { sleep } from './time.js';

const [clientDir, ...only] = process.argv.slice(2);
if (!clientDir) throw new Error('usage: client-parts.ts <built client dir> [part…]');
const PARTS: Record<string, string> = {
  'as is': '',
  'no sidebar': '#sidebar { display: none !important; }',
  'no suite list': '.suites { display: none !important; }',
  'no header': 'header, nav { display: none !important; }',
  'no suites on the map': '.leaflet-suites-pane { display: none !important; }',
  'no force areas': '.leaflet-forces-pane, .leaflet-land-pane { display: none !important; }',
  'no map': '.map-area { display: none !important; }',
};

const world = await startClientWorld(clientDir);
try {
  const page = await world.open(1920, 1080);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  for (const [name, css] of Object.entries(PARTS)) {
    if (only.length && !only.includes(name)) continue;
    await page.evaluate((css) => {
      let style = document.getElementById('parts-style');
      if (!style) document.head.append((style = Object.assign(document.createElement('style'), { id: 'parts-style' })));
      style.textContent = css;
    }, css);
    for (const ticks of [false, true]) {
      await sleep(1500);
      const per: number[] = [];
      let before = await taskMs();
      for (let i = 0; i < 8; i++) {
        const t0 = Date.now();
        if (ticks) await world.tick();
        await sleep(1000 - (Date.now() - t0));
        const after = await taskMs();
        per.push(after - before);
        before = after;
      }
      const s = summarise(per);
      console.log(`${name.padEnd(24)} ${ticks ? 'ticks' : 'idle '}  p50 ${s.p50.toFixed(1).padStart(6)} ms  p95 ${s.p95.toFixed(1).padStart(6)} ms`);
    }
  }
} finally {
  await world.close();
}
process.exit(0);
