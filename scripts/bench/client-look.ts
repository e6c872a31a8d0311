/**
 * Measure 6's world looked at: the dashboard at national scale (1,500 officers moving, 250 suites)
 * at 1920×1080, 1280×800 and a phone, at national zoom and zoomed in on a count badge. Writes
 * screenshots and prints what the map says it drew and how often the officers' canvas was redrawn
 * while positions arrived. Not a measure: for looking at what measure 6 measures.
 *   npx vite build --outDir /tmp/nexus-look && node --import tsx scripts/bench/client-look.ts /tmp/nexus-look [out dir]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startClientWorld } from './client-world.js';
import { sleep } from './time.js';

const [clientDir, outArg] = process.argv.slice(2);
if (!clientDir) throw new Error('usage: client-look.ts <built client dir> [screenshot dir]');
const out = outArg ?? '/tmp/nexus-look-shots';
mkdirSync(out, { recursive: true });

const drawn = (page: Page) =>
  page.getByTestId('map').evaluate((el: HTMLElement) => ({
    shown: el.dataset.officersDrawn,
    dots: el.dataset.officerDots,
    badges: el.querySelectorAll('.officer-count').length,
    counted: [...el.querySelectorAll<HTMLElement>('.officer-count')].reduce((n, b) => n + Number(b.dataset.count), 0),
  }));

/** Counts the officers' canvas redraws (each starts by clearing it) from now on. */
const redraws = async (page: Page) => {
  await page.evaluate(() => {
    const w = window as unknown as { __clears: number };
    w.__clears = 0;
    const clear = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (...args) {
      if (this.canvas.closest('.leaflet-officers-pane')) w.__clears++;
      return clear.apply(this, args);
    };
  });
  return () => page.evaluate(() => (window as unknown as { __clears: number }).__clears);
};

const world = await startClientWorld(clientDir);
try {
  for (const [name, width, height] of [['1920', 1920, 1080], ['1280', 1280, 800], ['phone', 390, 844]] as const) {
    const page = await world.open(width, height);
    let clears = await redraws(page);
    for (let i = 0; i < 5; i++) {
      await world.tick(3);
      await sleep(1000);
    }
    console.log(`${name} national: ${JSON.stringify(await drawn(page))}, canvas redraws in 5 ticks: ${await clears()}`);
    await page.screenshot({ path: join(out, `map-national-${name}.png`) });
    // Zoom in where officers are counted, by clicking a badge as a person would.
    const badge = page.locator('.officer-count').first();
    if (await badge.count()) {
      await badge.click();
      await sleep(1500);
      clears = await redraws(page);
      for (let i = 0; i < 3; i++) {
        await world.tick(3);
        await sleep(1000);
      }
      console.log(`${name} zoomed in: ${JSON.stringify(await drawn(page))}, canvas redraws in 3 ticks: ${await clears()}`);
      await page.screenshot({ path: join(out, `map-zoomed-${name}.png`) });
    }
    await page.context().close();
  }
} finally {
  await world.close();
}
process.exit(0);
