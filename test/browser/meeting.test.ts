import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { londonDay, type PrincipalRole } from '../../protocol/index.js';
import { displayDay } from '../../client/lib/days.js';
import { newPage, screenshot, startBrowserWorld, type BrowserWorld } from '../support/browser.js';
import { item, postIngest } from '../support/server.js';

const HOUR = 3_600_000;
let world: BrowserWorld;

/** Croydon has a queue and nobody there; MET-ICE-01 is free: the recommender should send it. */
beforeAll(async () => {
  world = await startBrowserWorld();
  const now = Date.now();
  const booking = (ref: string, hoursAgo: number) =>
    item('arrest.booked', { custodyRef: ref, suiteId: 'met-croydon', nationality: 'RO', iabsMatch: true, relevantTime: now - hoursAgo * HOUR, offenceCategory: 'theft' }, now);
  const feed = await postIngest(world.origin, {
    source: 'custody',
    events: [item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, now), booking('MP/0401/26', 20), booking('MP/0402/26', 19), booking('MP/0403/26', 3)],
  });
  expect(feed.status).toBe(200);
});

afterAll(() => world?.close());

async function open(role: PrincipalRole, hash: string): Promise<{ page: Page; foreign: string[] }> {
  const { page, foreign } = await newPage(world.browser, world.origin, { cookie: world.cookies[role] });
  await page.goto(`${world.origin}/${hash}`);
  return { page, foreign };
}

describe('the daily management meeting in Chromium', () => {
  it('recommended moves come first on the meeting page, and cannot be accepted while the data is stale', { timeout: 60_000 }, async () => {
    const { page } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager, width: 1280, height: 800 });
    await page.goto(`${world.origin}/#/meeting`);
    const recs = page.locator('[data-testid=meeting] [data-testid=recommendations]');
    const accept = recs.locator('li').first().getByRole('button', { name: /Accept/ });
    await accept.waitFor();
    await page.getByTestId('meeting-table').locator('tbody tr').first().waitFor();
    // Above the table of every suite, and on screen without scrolling.
    expect(await recs.evaluate((el) => !!(el.compareDocumentPosition(document.querySelector('[data-testid=meeting-table]')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    const box = await recs.boundingBox();
    expect(box!.y).toBeLessThan(800);
    expect(await accept.isEnabled()).toBe(true);

    await world.stopServer();
    await page.locator('[data-testid=connection][data-state=stale]').waitFor({ timeout: 20_000 });
    expect(await accept.isDisabled()).toBe(true);
    await recs.getByTestId('recommendations-paused').waitFor();
    await world.restart();
    await page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 20_000 });
    await expect.poll(() => accept.isEnabled()).toBe(true);
  });

  it('accepting a recommendation on the meeting page moves the officer on another open page', async () => {
    const other = await open('duty_manager', '');
    await other.page.locator('[data-testid=connection][data-state=live]').waitFor();
    const { page, foreign } = await open('duty_manager', '#/meeting');
    const row = page.locator('[data-testid=meeting] [data-testid=recommendations] li[data-recommendation-id="MET-ICE-01>met-croydon"]');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Croydon/);
    await screenshot(page, 'meeting-view');
    await row.getByRole('button', { name: /Accept/ }).click();
    await page.getByTestId('toast').waitFor();
    // The other screen shows the move without a reload, and the log marks it as accepted advice.
    await expect.poll(() => other.page.getByTestId('activity').locator('li[data-seq]').first().textContent()).toMatch(/MET-ICE-01.*Croydon/s);
    await page.locator('[data-testid=reallocations] [data-testid=accepted-recommendation]').first().waitFor();
    expect(world.app.engine.state.assignments[0]).toMatchObject({ officerId: 'MET-ICE-01', toSuiteId: 'met-croydon', recommended: true });
    expect(foreign).toEqual([]);
  });

  it("a report's CSV has the same figures as the page shows", async () => {
    const { page, foreign } = await open('duty_manager', '#/reports');
    // The bookings were 20, 19 and 3 hours ago: pick the London days they fall on, whatever the
    // time of day the test runs at (just after midnight, "today" holds none of them).
    await page.getByRole('radio', { name: 'From – to' }).check();
    await page.locator('input[name=from]').fill(displayDay(londonDay(Date.now() - 20 * HOUR)));
    await page.locator('input[name=to]').fill(displayDay(londonDay(Date.now())));
    const row = page.locator('[data-testid=pack-row][data-key=met-croydon]');
    await row.waitFor();
    await expect.poll(async () => (await row.locator('td').first().textContent())?.trim()).toBe('3');
    const cells = await row.locator('td').allTextContents();
    const href = await page.getByTestId('pack-csv').getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    const line = csv.split('\r\n').find((l) => l.includes('"Croydon"'))!;
    const fields = line.split('","').map((f) => f.replace(/^"|"$/g, ''));
    // Arrivals, checked and non-attendances: the page's numbers are the file's numbers.
    expect([cells[0], cells[1], cells[4]].map((c) => c!.trim())).toEqual([fields[3], fields[4], fields[7]]);
    expect(Number(fields[3])).toBe(3);
    await screenshot(page, 'reports-pack');
    expect(foreign).toEqual([]);
  });
});
