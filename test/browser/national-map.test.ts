import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OFFICER_COLOUR } from '../../client/lib/colours.js';
import { nationalReference } from '../../scripts/bench/world.js';
import { newPage, screenshot, startBrowserWorld, type BrowserWorld } from '../support/browser.js';
import { item, postIngest } from '../support/server.js';
import { officerDots } from './officer-dots.js';

/** Measure 6's world: 250 suites, 1,500 officers on duty, each a little way from its home suite. */
const reference = nationalReference(250, 1500);
const OFFICERS = reference.officers.length;
/** An officer sent where no suite is within reach at national zoom (the Isle of Lewis). */
const WANDERER = reference.officers[0]!.id;
let world: BrowserWorld;

beforeAll(async () => {
  world = await startBrowserWorld({ reference });
  const now = Date.now();
  for (let i = 0; i < OFFICERS; i += 500) {
    const rostered = reference.officers.slice(i, i + 500).map((o) => item('officer.rostered', { officerId: o.id, status: 'available' }, now));
    expect((await postIngest(world.origin, { source: 'roster', events: rostered })).status).toBe(200);
  }
  const positions = reference.officers.map((o, i) => ({ officerId: o.id, lat: o.baseLat + ((i % 7) - 3) * 0.001, lng: o.baseLng + ((i % 5) - 2) * 0.001 }));
  expect((await postIngest(world.origin, { source: 'gps', events: [item('officers.moved', { positions }, now)] })).status).toBe(200);
}, 60_000);

afterAll(() => world?.close());

async function openMap(): Promise<Page> {
  const { page } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager, width: 1600, height: 900 });
  await page.goto(world.origin);
  await expect.poll(() => page.getByTestId('map').getAttribute('data-officers-drawn'), { timeout: 20_000 }).toBe(String(OFFICERS));
  return page;
}

/** What the map shows of the officers: the counts on its badges, and how many are drawn as dots. */
const shown = (page: Page) =>
  page.getByTestId('map').evaluate((map: HTMLElement) => ({
    badges: map.querySelectorAll('.officer-count').length,
    counted: [...map.querySelectorAll<HTMLElement>('.officer-count')].reduce((n, badge) => n + Number(badge.textContent), 0),
    dots: Number(map.dataset.officerDots),
  }));

const move = (lat: number, lng: number) =>
  postIngest(world.origin, { source: 'gps', events: [item('officers.moved', { positions: [{ officerId: WANDERER, lat, lng }] }, Date.now())] });

describe('the map at national scale', () => {
  it('counts the officers near each suite at national zoom, and the counts add up to every officer on the map', async () => {
    const page = await openMap();
    const { badges, counted, dots } = await shown(page);
    // Every officer stands within reach of a suite: all are counted, none is left out.
    expect(counted + dots).toBe(OFFICERS);
    expect(dots).toBe(0);
    // Suites drawn on top of one another share a badge: fewer badges than suites, none empty.
    expect(badges).toBeGreaterThan(20);
    expect(badges).toBeLessThan(reference.suites.length);
    expect(await page.locator('.officer-count[data-count="0"]').count()).toBe(0);
    // Pointing at a badge says who is counted, by status, and how to see each officer.
    const badge = page.locator('.officer-count').first();
    const n = Number(await badge.textContent());
    await badge.hover();
    await expect.poll(() => page.locator('.officer-count-tooltip').textContent()).toMatch(new RegExp(`^${n} officers? near .+${n} available.*Zoom in to see each officer`));
    await screenshot(page, 'map-national-scale-1600');
  });

  it('an officer away from every suite is a dot of its own, drawn where it moves to', async () => {
    const page = await openMap();
    expect((await move(58.2, -6.6)).status).toBe(200);
    await expect.poll(() => shown(page).then((s) => s.dots)).toBe(1);
    expect((await shown(page)).counted).toBe(OFFICERS - 1);
    const [before] = await officerDots(page, OFFICER_COLOUR.available);
    expect(before).toBeDefined();
    // 0.7° east is ≈ 40 km: further right on the screen, at the same height, and the old place is empty.
    expect((await move(58.2, -5.9)).status).toBe(200);
    await expect.poll(async () => (await officerDots(page, OFFICER_COLOUR.available))[0]?.x ?? 0).toBeGreaterThan(before!.x + 5);
    const after = await officerDots(page, OFFICER_COLOUR.available);
    expect(after).toHaveLength(1);
    expect(Math.abs(after[0]!.y - before!.y)).toBeLessThan(2);
    // Back home: counted at its suite again.
    const home = reference.officers[0]!;
    expect((await move(home.baseLat, home.baseLng)).status).toBe(200);
    await expect.poll(() => shown(page)).toEqual(expect.objectContaining({ counted: OFFICERS, dots: 0 }));
  });

  it('clicking a count zooms in to its officers, drawn one by one', async () => {
    const page = await openMap();
    await page.locator('.officer-count').first().click();
    await expect.poll(() => shown(page).then((s) => s.badges)).toBe(0);
    expect((await shown(page)).dots).toBeGreaterThan(0);
    await expect.poll(() => officerDots(page, OFFICER_COLOUR.available).then((d) => d.length)).toBeGreaterThan(0);
    await screenshot(page, 'map-national-scale-zoomed-in-1600');
  });

  it('the suite list keeps only the rows in sight in the page, and the keyboard still reaches every suite', async () => {
    const page = await openMap();
    const rows = page.getByTestId('suite-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await rows.count()).toBeLessThan(60);
    expect(await page.locator('.suites li').first().getAttribute('aria-setsize')).toBe(String(reference.suites.length));
    await rows.first().focus();
    await page.keyboard.press('End');
    const focused = () => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset'));
    await expect.poll(focused).toBe(String(reference.suites.length));
    await page.keyboard.press('Home');
    await expect.poll(focused).toBe('1');
  });

  it('the rows in the page are those the list has room for, and scrolling never shows a gap', async () => {
    const page = await openMap();
    const rows = page.getByTestId('suite-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    const scroller = page.locator('.suites .scroller');
    const height = await scroller.evaluate((el) => el.clientHeight);
    // The list's own height, not the window's, with a few rows either side (list-window.ts).
    expect(await rows.count()).toBeLessThanOrEqual(Math.ceil(height / 48) + 8 + 1);
    /** What a person sees at the top and at the bottom of the list: a suite's row each time, not blank space. */
    const edges = () =>
      scroller.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const at = (y: number) => document.elementFromPoint(box.left + 40, y)?.closest('li')?.getAttribute('aria-posinset') ?? null;
        return [at(box.top + 4), at(box.bottom - 4)];
      });
    expect(await edges()).toEqual(['1', String(Math.floor((height - 4) / 48) + 1)]);
    for (const top of [48 * 100, 48 * 100 + 20, 48 * (reference.suites.length - 3)]) {
      await scroller.evaluate((el, y) => el.scrollTo(0, y), top);
      await expect.poll(edges).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
      const [first] = await edges();
      const scrolled = await scroller.evaluate((el) => el.scrollTop);
      expect(Number(first)).toBe(Math.floor(scrolled / 48) + 1);
    }
  });
});
