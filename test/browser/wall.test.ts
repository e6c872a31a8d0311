import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { newPage, screenshot, startBrowserWorld, type BrowserWorld } from '../support/browser.js';
import { item, postIngest } from '../support/server.js';

const MINUTE = 60_000;
let world: BrowserWorld;

/**
 * People with little PACE time left and no check in London and the West Midlands: alerts with
 * long messages, and two regions for the wall to rotate through. The heartbeat is the default
 * 5 s, as in production, so the time to STALE is what a control room would see.
 */
beforeAll(async () => {
  world = await startBrowserWorld();
  const now = Date.now();
  const booking = (custodyRef: string, suiteId: string, minutesAgo: number) =>
    item('arrest.booked', { custodyRef, suiteId, nationality: 'RO', iabsMatch: true, relevantTime: now - minutesAgo * MINUTE, offenceCategory: 'theft' }, now);
  const feed = await postIngest(world.origin, {
    source: 'custody',
    events: [booking('MP/0501/26', 'met-brixton', 21 * 60), booking('MP/0502/26', 'met-croydon', 21 * 60 + 20), booking('WM/0503/26', 'wmp-perry-barr', 22 * 60)],
  });
  expect(feed.status).toBe(200);
});

afterAll(() => world?.close());

async function openWall(query: string, width: number, height: number): Promise<{ page: Page; foreign: string[] }> {
  const { page, foreign } = await newPage(world.browser, world.origin, { cookie: world.cookies.wall, width, height });
  await page.goto(`${world.origin}/#/wall?${query}`);
  for (const tile of ['map', 'clock', 'figures', 'alerts']) await page.locator(`[data-testid=wall-tile][data-tile=${tile}][data-stale=false]`).waitFor();
  await page.locator('[data-testid=wall-alerts] li[data-alert-id]').first().waitFor();
  return { page, foreign };
}

/** Whether two boxes on the screen share any pixel. */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [p, q] = [await a.boundingBox(), await b.boundingBox()];
  if (!p || !q) throw new Error('not on screen');
  return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
}

/** Text that does not fit its box (cut off, or ending in "…") on the page: none expected. */
function cutTexts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent ?? ''),
  );
}

describe('the JOC wall in Chromium', () => {
  it('says STALE within 15 s of losing the server, holds its rotation, keeps the clock clear, and recovers by itself', async () => {
    const { page, foreign } = await openWall('rotate=5', 1920, 1080);
    // No scrolling on the JOC screen; and it does rotate while live.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    const first = await page.getByTestId('wall').getAttribute('data-view');
    await expect.poll(() => page.getByTestId('wall').getAttribute('data-view'), { timeout: 8_000 }).not.toBe(first);
    await screenshot(page, 'wall-live');

    await world.stopServer();
    const lost = Date.now();
    for (const tile of ['map', 'clock', 'figures', 'alerts']) {
      await page.locator(`[data-testid=wall-tile][data-tile=${tile}][data-stale=true]`).waitFor({ timeout: Math.max(1, lost + 15_000 - Date.now()) });
    }
    const clockTile = page.locator('[data-testid=wall-tile][data-tile=clock]');
    expect(await clockTile.getByTestId('wall-freshness').textContent()).toMatch(/^STALE/);
    // The badge is beside the tile's title, never over the time.
    expect(await overlap(clockTile.getByTestId('wall-freshness'), page.getByTestId('wall-clock'))).toBe(false);
    // Stale, the rotation holds: the same view for longer than a turn, and the bar says why.
    const held = await page.getByTestId('wall').getAttribute('data-view');
    await expect.poll(() => page.getByTestId('wall-rotation').textContent()).toMatch(/paused/);
    await page.waitForTimeout(6_500);
    expect(await page.getByTestId('wall').getAttribute('data-view')).toBe(held);
    await screenshot(page, 'wall-stale');

    await world.restart();
    await page.locator('[data-testid=wall-tile][data-tile=figures][data-stale=false]').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('wall-rotation').textContent()).toMatch(/next view in/);
    await screenshot(page, 'wall-recovered');
    expect(foreign).toEqual([]);
  }, 60_000); // its own waits (a turn, 15 s to STALE, a held turn, the restart) add up to more than the default 30 s

  it('at 1280x800 every name and alert is whole: nothing cut off, nothing scrolls', async () => {
    for (const view of ['national', 'West Midlands Police']) {
      const { page } = await openWall(`rotate=stay&regions=${encodeURIComponent(view)}`, 1280, 800);
      expect(await page.getByTestId('wall-view').textContent()).toBe(view === 'national' ? 'National' : view);
      expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
      expect(await cutTexts(page, '[data-testid=wall-view], [data-testid=wall-tile] h2, [data-testid=wall-figures] dt, [data-testid=wall-alerts] li:not(.unseen) span')).toEqual([]);
      // At least one alert is shown whole, inside its list.
      const shown = page.locator('[data-testid=wall-alerts] li[data-alert-id]:not(.unseen)');
      expect(await shown.count()).toBeGreaterThan(0);
      const list = await page.locator('[data-testid=wall-alerts] ul').boundingBox();
      const last = await shown.last().boundingBox();
      expect(last!.y + last!.height).toBeLessThanOrEqual(list!.y + list!.height + 1);
      await screenshot(page, `wall-1280-${view === 'national' ? 'national' : 'region'}`);
    }
  });
});
