import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, startBrowserWorld, type BrowserWorld } from '../support/browser.js';
import { item, postIngest } from '../support/server.js';

const MINUTE = 60_000;
let world: BrowserWorld;

/** Two people waiting at Brixton and a free officer: something to open and someone to move. */
beforeAll(async () => {
  world = await startBrowserWorld();
  const now = Date.now();
  const booking = (custodyRef: string, minutesAgo: number) =>
    item('arrest.booked', { custodyRef, suiteId: 'met-brixton', nationality: 'PL', iabsMatch: true, relevantTime: now - minutesAgo * MINUTE, offenceCategory: 'theft' }, now);
  const feed = await postIngest(world.origin, {
    source: 'custody',
    events: [item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, now), booking('MP/0601/26', 90), booking('MP/0602/26', 30)],
  });
  expect(feed.status).toBe(200);
});

afterAll(() => world?.close());

async function dashboard(hash = '#/'): Promise<Page> {
  const { page } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager, width: 1280, height: 800 });
  await page.goto(`${world.origin}/${hash}`);
  await page.locator('[data-testid=connection][data-state=live]').waitFor();
  return page;
}

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached with ${max} presses of Tab`);
}

/** Each tab stop in turn (up to `max`), and whether an outline or ring shows it has the focus. */
async function tabStops(page: Page, max: number): Promise<{ stop: string; shown: boolean }[]> {
  const stops: { stop: string; shown: boolean }[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null; // past the last stop: the browser's own
      // An invisible radio button (a segment of a button group) shows its focus on its label.
      const drawn = el.matches('input') && getComputedStyle(el).opacity === '0' ? (el.closest('label') ?? el) : el;
      const style = getComputedStyle(drawn);
      const shown = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
      return { stop: `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`, shown };
    });
    if (stop) stops.push(stop);
  }
  return stops;
}

describe('the keyboard alone', () => {
  it('every tab stop on the map, meeting and reports pages shows where the focus is', async () => {
    for (const hash of ['#/', '#/meeting', '#/reports']) {
      const page = await dashboard(hash);
      const hidden = (await tabStops(page, 60)).filter((s) => !s.shown).map((s) => s.stop);
      expect(hidden, hash).toEqual([]);
    }
  });

  it('a duty manager opens a suite, a case timeline and the reassign dialog, and gets back, without a mouse', async () => {
    const page = await dashboard();
    await tabTo(page, '#suite-filter');
    await page.keyboard.type('Brixton');
    await tabTo(page, '[data-testid=suite-row][data-suite-id=met-brixton]');
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('suite-panel');
    await expect.poll(() => panel.getAttribute('data-suite-id')).toBe('met-brixton');

    await tabTo(page, '[data-testid=waiting-list] button');
    await page.keyboard.press('Enter');
    const timeline = page.getByTestId('case-timeline');
    await timeline.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid=case-timeline]') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await timeline.waitFor({ state: 'detached' });

    await tabTo(page, '[data-testid=suite-panel] .section-head button');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('reassign-dialog');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid=reassign-dialog]') !== null)).toBe(true);
    expect(await dialog.locator('select[name=suiteId]').inputValue()).toBe('met-brixton');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Focus goes back where it was, so the next Tab carries on from the panel.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Reassign officer');
  });

  it('the suite list is one tab stop, and the arrow keys move through it', async () => {
    const page = await dashboard();
    await tabTo(page, '[data-testid=suite-row]');
    const rows = page.getByTestId('suite-row');
    const id = () => page.evaluate(() => document.activeElement?.getAttribute('data-suite-id'));
    expect(await id()).toBe(await rows.nth(0).getAttribute('data-suite-id'));
    await page.keyboard.press('ArrowDown');
    expect(await id()).toBe(await rows.nth(1).getAttribute('data-suite-id'));
    await page.keyboard.press('End');
    expect(await id()).toBe(await rows.last().getAttribute('data-suite-id'));
    // Tab leaves the list for what comes after it, not the next of 72 suites.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid=suite-row]'))).toBeNull();
  });

  it('from the map, a link leads to its text version: the suite list', async () => {
    const page = await dashboard();
    await tabTo(page, '.skip-link');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('suite-filter');
  });
});
