/**
 * Measure 6's world looked at: the dashboard at national scale (1,500 officers moving, 250 suites)
 * at 1920×1080, 1280×800 and a phone, at national zoom and zoomed in on a count badge. Writes
 * screenshots and prints what the map says it drew and how often the officers' canvas was redrawn
 * while positions arrived. Not a measure: for looking at what measure 6 measures.
 *   npx vite build --outDir /tmp/nexus-look && node --import tsx scripts/bench/client-look.ts /tmp/nexus-look [out dir]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../server/security/http.js';
import { startOurs, tokenOf } from './ours.js';
import { sleep } from './time.js';
import { FactStream, nationalReference } from './world.js';

const [clientDir, outArg] = process.argv.slice(2);
if (!clientDir) throw new Error('usage: client-look.ts <built client dir> [screenshot dir]');
const out = outArg ?? '/tmp/nexus-look-shots';
mkdirSync(out, { recursive: true });

const reference = nationalReference(250, 1500);
const ours = await startOurs({ reference, clientDir });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const stream = new FactStream(reference, 6, 'C');
for (const b of stream.onDutyBatches()) await ours.ingest(b);
for (let n = 0; n < 2000; n += 500) await ours.ingest({ source: 'bench-custody', events: Array.from({ length: 500 }, () => stream.arrest()) });
const tick = () => ours.ingest({ source: 'bench-feed', events: [stream.moved(), stream.arrest(), stream.check(), stream.release()] });

const drawn = (page: Page) =>
  page.getByTestId('map').evaluate((el: HTMLElement) => ({
    shown: el.dataset.officersDrawn,
    dots: el.dataset.officerDots,
    badges: el.querySelectorAll('.officer-count').length,
    counted: [...el.querySelectorAll<HTMLElement>('.officer-count')].reduce((n, b) => n + Number(b.dataset.count), 0),
  }));

try {
  for (const [name, width, height] of [['1920', 1920, 1080], ['1280', 1280, 800], ['phone', 390, 844]] as const) {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.addCookies([{ name: SESSION_COOKIE, value: tokenOf(ours.cookie), url: ours.url, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    // Counts the officers' canvas redraws (each starts by clearing it).
    await page.addInitScript(() => {
      const w = window as unknown as { __clears: number };
      w.__clears = 0;
      const clear = CanvasRenderingContext2D.prototype.clearRect;
      CanvasRenderingContext2D.prototype.clearRect = function (...args) {
        if (this.canvas.closest('.leaflet-officers-pane')) w.__clears++;
        return clear.apply(this, args);
      };
    });
    await page.goto(ours.url);
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid=map]')?.dataset.officersDrawn) >= 1350, null, { timeout: 60_000 });
    const clears = () => page.evaluate(() => (window as unknown as { __clears: number }).__clears);
    const before = await clears();
    for (let i = 0; i < 5; i++) {
      await tick();
      await sleep(1000);
    }
    console.log(`${name} national: ${JSON.stringify(await drawn(page))}, canvas redraws in 5 ticks: ${(await clears()) - before}`);
    await page.screenshot({ path: join(out, `map-national-${name}.png`) });
    // Zoom in where the most officers are counted, by clicking their badge as a person would.
    const badge = page.locator('.officer-count span').first();
    if (await badge.count()) {
      await badge.click();
      await sleep(1500);
      const zoomedBefore = await clears();
      for (let i = 0; i < 3; i++) {
        await tick();
        await sleep(1000);
      }
      console.log(`${name} zoomed in: ${JSON.stringify(await drawn(page))}, canvas redraws in 3 ticks: ${(await clears()) - zoomedBefore}`);
      await page.screenshot({ path: join(out, `map-zoomed-${name}.png`) });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await ours.stop();
  ours.cleanup();
}
process.exit(0);
