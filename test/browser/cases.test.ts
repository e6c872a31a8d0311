import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readInitialHighHarm } from '../../db/reference/index.js';
import { decidePublishHighHarm } from '../../server/domain/index.js';
import { newPage, screenshot, startBrowserWorld, type BrowserWorld } from '../support/browser.js';
import { item, postIngest } from '../support/server.js';

const MINUTE = 60_000;
let world: BrowserWorld;

/** The real server and dashboard: three people waiting at Brixton, one of them High Harm. */
beforeAll(async () => {
  world = await startBrowserWorld();
  const { app, origin } = world;
  await app.engine.execute((state) => decidePublishHighHarm(state, readInitialHighHarm(), 'v1'), 'system');
  const now = Date.now();
  const booking = (custodyRef: string, minutesAgo: number, offenceCategory: 'theft' | 'rape') =>
    item('arrest.booked', { custodyRef, suiteId: 'met-brixton', nationality: 'RO', iabsMatch: true, relevantTime: now - minutesAgo * MINUTE, offenceCategory }, now);
  const feed = await postIngest(origin, {
    source: 'custody-test',
    events: [
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, now),
      booking('MP/0101/26', 120, 'theft'),
      booking('MP/0102/26', 30, 'rape'),
      booking('MP/0103/26', 200, 'theft'),
      item('case.referred', { custodyRef: 'MP/0103/26' }, now - 190 * MINUTE),
    ],
  });
  expect(feed.status).toBe(200);
});

afterAll(() => world?.close());

async function open(path: string): Promise<{ page: Page; foreign: string[] }> {
  const { page, foreign } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager });
  await page.goto(`${world.origin}/${path}`);
  await page.locator('[data-testid=connection][data-state=live]').waitFor();
  return { page, foreign };
}

describe('cases in Chromium', () => {
  it('a High Harm case is at the top of the suite queue, and its ERF timeline opens from there', async () => {
    const { page, foreign } = await open('');
    await page.locator('[data-testid=suite-row][data-suite-id=met-brixton]').click();
    const rows = page.getByTestId('waiting-list').locator('tr[data-custody-ref]');
    await expect.poll(() => rows.count()).toBe(3);
    const first = rows.first();
    expect(await first.getAttribute('data-custody-ref')).toBe('MP/0102/26');
    expect(await first.getByTestId('high-harm-badge').getAttribute('title')).toMatch(/rape.*version 1/);
    // Then least PACE time left: the one who arrived 200 minutes ago.
    expect(await rows.nth(1).getAttribute('data-custody-ref')).toBe('MP/0103/26');
    await screenshot(page, 'cases-high-harm-first');

    await first.click();
    const timeline = page.getByTestId('case-timeline');
    await expect.poll(() => timeline.getAttribute('data-custody-ref')).toBe('MP/0102/26');
    await expect.poll(() => timeline.getByTestId('timeline-entries').locator('li[data-type="arrest.booked"]').count()).toBe(1);
    await screenshot(page, 'cases-erf-timeline');
    expect(foreign).toEqual([]);
  });

  it('the open suite follows its cases live: a checked offender leaves the queue for the ETD list until the ETD is applied', async () => {
    const { page, foreign } = await open('');
    await page.locator('[data-testid=suite-row][data-suite-id=met-brixton]').click();
    const queue = page.getByTestId('waiting-list').locator('tr[data-custody-ref]');
    const gaps = page.getByTestId('etd-gaps');
    await expect.poll(() => queue.count()).toBe(3);
    expect(await gaps.count()).toBe(0);

    // MP/0101/26 is checked (an offender) and detained for removal, with no valid travel document.
    const at = Date.now();
    const by = { custodyRef: 'MP/0101/26', officerId: 'MET-ICE-01' };
    const checked = await postIngest(world.origin, {
      source: 'custody-test',
      events: [
        item('check.started', { ...by, mode: 'face_to_face' }, at),
        item('check.completed', { ...by, mode: 'face_to_face', outcome: 'immigration_offender' }, at),
        item('decision.made', { ...by, decision: 'detained_immigration_powers' }, at),
      ],
    });
    expect(checked.status).toBe(200);
    await expect.poll(() => gaps.locator('tr[data-custody-ref]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-custody-ref')))).toEqual(['MP/0101/26']);
    await expect.poll(() => queue.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-custody-ref')))).toEqual(['MP/0102/26', 'MP/0103/26']);
    await screenshot(page, 'cases-etd-gap-live');

    const applied = await postIngest(world.origin, { source: 'custody-test', events: [item('etd.applied', by, Date.now())] });
    expect(applied.status).toBe(200);
    await expect.poll(() => gaps.count()).toBe(0);
    expect(foreign).toEqual([]);
  });

  it('a release without attendance appears in the register on another open page, without a reload', async () => {
    const { page, foreign } = await open('#/register');
    const register = page.getByTestId('register');
    await register.waitFor();
    const row = page.getByTestId('register-table').locator('tr[data-custody-ref="MP/0103/26"]');
    expect(await row.count()).toBe(0);

    // Custody releases MP/0103/26, unchecked, with no officer having attended.
    const released = await postIngest(world.origin, { source: 'custody-test', events: [item('detainee.released', { custodyRef: 'MP/0103/26', disposal: 'charged' }, Date.now())] });
    expect(released.status).toBe(200);

    await row.waitFor();
    expect(await row.getAttribute('data-reason')).toBe('no_officer_available');
    await expect.poll(() => page.getByTestId('register-total').textContent()).toMatch(/1/);
    await screenshot(page, 'cases-register-live');
    expect(foreign).toEqual([]);
  });
});
