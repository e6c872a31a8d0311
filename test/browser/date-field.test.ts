import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDay, shiftDay } from '../../protocol/index.js';
import { displayDay } from '../../client/lib/days.js';
import { newPage, screenshot, startBrowserWorld, type BrowserWorld } from '../support/browser.js';

let world: BrowserWorld;

/** A browser in US English, page and all: a native date field would read 12/03/2026 for 3 December. */
beforeAll(async () => {
  world = await startBrowserWorld({ lang: 'en-US' });
});

afterAll(() => world?.close());

describe('date fields in a US-English Chromium', () => {
  it('every date field on every page reads dd/mm/yyyy', async () => {
    const { page } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager, width: 1280, height: 800, locale: 'en-US' });
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    for (const hash of ['#/register', '#/coverage', '#/meeting', '#/reports', '#/review', '#/replay']) {
      await page.goto(`${world.origin}/${hash}`);
      const fields = page.locator('.date-field input');
      await fields.first().waitFor();
      expect(await page.locator('input[type=date]').count(), hash).toBe(0);
      for (const text of await fields.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))) expect(text, hash).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    }
  });

  it('a day is typed day first, checked, and stepped with the arrow keys', async () => {
    const { page } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager, width: 1280, height: 800, locale: 'en-US' });
    await page.goto(`${world.origin}/#/reports`);
    const today = londonDay(Date.now());
    const day = page.locator('input[name=day]');
    await day.waitFor();
    expect(await day.inputValue()).toBe(displayDay(today));

    await page.getByRole('radio', { name: 'From – to' }).check();
    const from = page.locator('input[name=from]');
    const yesterday = shiftDay(today, -1);
    const [d, m, y] = displayDay(yesterday).split('/') as [string, string, string];
    // Typed without leading zeros, as people do: read as day first, shown back in full.
    await from.fill(`${Number(d)}/${Number(m)}/${y}`);
    await from.press('Tab');
    expect(await from.getAttribute('data-value')).toBe(yesterday);
    expect(await from.inputValue()).toBe(displayDay(yesterday));

    // Not a date: said in words next to the field, and the day stays as it was.
    await from.fill('31/02/2026');
    await from.press('Tab');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.date-field .problem').textContent()).toMatch(/dd\/mm\/yyyy/);
    expect(await from.getAttribute('data-value')).toBe(yesterday);
    await screenshot(page, 'date-field-invalid');

    // After today is refused for "to".
    const to = page.locator('input[name=to]');
    await to.fill(displayDay(shiftDay(today, 1)));
    await to.press('Tab');
    expect(await page.locator('.date-field .problem').last().textContent()).toMatch(/or earlier/);

    // The arrow keys step a day.
    await from.fill(displayDay(yesterday));
    await from.press('ArrowDown');
    expect(await from.inputValue()).toBe(displayDay(shiftDay(yesterday, -1)));
    expect(await from.getAttribute('data-value')).toBe(shiftDay(yesterday, -1));
  });
});
