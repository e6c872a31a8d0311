import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDay, londonMidnight } from '../../protocol/index.js';
import { newPage, screenshot, startBrowserWorld, watchConsoleErrors, type BrowserWorld } from '../support/browser.js';
import { item, postIngest } from '../support/server.js';

const HOUR = 3_600_000;
let world: BrowserWorld;
let month: string;

/** Two arrivals at Croydon this month; five in the same month a year ago (issue 15: data a year back). */
beforeAll(async () => {
  world = await startBrowserWorld();
  const now = Date.now();
  const today = londonDay(now);
  month = today.slice(0, 7);
  const yearAgo = londonMidnight(`${Number(month.slice(0, 4)) - 1}${month.slice(4)}-01`) + HOUR;
  const thisMonth = Math.max(now - 60_000, londonMidnight(today));
  const booking = (ref: string, at: number) =>
    item('arrest.booked', { custodyRef: ref, suiteId: 'met-croydon', nationality: 'RO', iabsMatch: true, relevantTime: at, offenceCategory: 'theft' }, at);
  const old = ['MP/0501/25', 'MP/0502/25', 'MP/0503/25', 'MP/0504/25', 'MP/0505/25'].map((ref, i) => booking(ref, yearAgo + i * 60_000));
  const feed = await postIngest(world.origin, { source: 'custody', events: [...old, booking('MP/0601/26', thisMonth), booking('MP/0602/26', thisMonth)] });
  expect(feed.status).toBe(200);
});

afterAll(() => world?.close());

describe('the monthly forum in Chromium', () => {
  it('compares this month with the month before and with the same month last year', { timeout: 120_000 }, async () => {
    for (const [width, height] of [[1280, 800], [1920, 1080], [390, 844]] as const) {
      const { page, foreign } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager, width, height });
      const errors = watchConsoleErrors(page);
      await page.goto(`${world.origin}/#/forum`);
      await page.getByTestId('forum-periods').waitFor();
      expect(await page.getByTestId('forum-month').inputValue()).toBe(month);
      const national = page.locator('[data-testid=forum-row][data-level=national]');
      const arrivals = (row: string) => national.locator(`[data-testid=${row}] td[data-measure=arrivals]`);
      expect((await national.locator('.now td[data-measure=arrivals]').textContent())?.trim()).toBe('2');
      // Year on year: 2 against 5 a year ago; the figure compared with is shown beneath.
      expect((await arrivals('forum-yoy').innerText()).replace(/\s+/g, ' ').trim()).toBe('−3 (−60%) 5');
      expect((await arrivals('forum-mom').innerText()).replace(/\s+/g, ' ').trim()).toBe('+2 0');
      const croydon = page.locator('[data-testid=forum-row][data-key=met-croydon]');
      expect((await croydon.locator('[data-testid=forum-yoy] td[data-measure=arrivals] .was').textContent())?.trim()).toBe('5');
      // The CSV has the same figures.
      const href = await page.getByTestId('forum-csv').getAttribute('href');
      const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
      const nationalLine = csv.split('\r\n')[1]!.split(',');
      expect(nationalLine[0]).toBe('"national"');
      expect(nationalLine[3]).toBe('"2"');
      await screenshot(page, `forum-${width}`);
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
