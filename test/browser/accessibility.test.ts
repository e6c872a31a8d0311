import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readInitialHighHarm } from '../../db/reference/index.js';
import type { PrincipalRole } from '../../protocol/index.js';
import { decidePublishHighHarm } from '../../server/domain/index.js';
import { abilitiesOf } from '../../client/lib/roles.js';
import { ROUTES, type RouteId } from '../../client/lib/router.svelte.js';
import { expectAccessible } from '../support/axe.js';
import { newPage, startBrowserWorld, type BrowserWorld } from '../support/browser.js';
import { item, postIngest } from '../support/server.js';

const MINUTE = 60_000;
let world: BrowserWorld;

/**
 * Enough of a morning for every part of every page to be drawn: people waiting (one High Harm,
 * one with little PACE time left, so there are alerts and a CCU queue), officers free, at a suite
 * and travelling (so there are moves and recommendations), and a release nobody attended.
 */
beforeAll(async () => {
  world = await startBrowserWorld({ regions: { police_liaison: ['Metropolitan Police'], officer: ['Metropolitan Police'] } });
  const { app, origin } = world;
  await app.engine.execute((state) => decidePublishHighHarm(state, readInitialHighHarm(), 'v1'), 'system');
  const now = Date.now();
  const booking = (custodyRef: string, suiteId: string, minutesAgo: number, offenceCategory: 'theft' | 'rape' = 'theft') =>
    item('arrest.booked', { custodyRef, suiteId, nationality: 'RO', iabsMatch: true, relevantTime: now - minutesAgo * MINUTE, offenceCategory }, now);
  const feed = await postIngest(origin, {
    source: 'custody-test',
    events: [
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, now),
      item('officer.rostered', { officerId: 'MET-ICE-02', status: 'available' }, now),
      item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }, now),
      item('officer.arrived', { officerId: 'MET-IO-01', suiteId: 'met-brixton' }, now),
      booking('MP/0101/26', 'met-brixton', 70, 'rape'),
      booking('MP/0102/26', 'met-brixton', 21 * 60),
      booking('MP/0103/26', 'met-croydon', 120),
      booking('MP/0104/26', 'met-croydon', 90),
      booking('MP/0105/26', 'met-croydon', 200),
      booking('WM/0106/26', 'wmp-perry-barr', 45),
      item('detainee.released', { custodyRef: 'MP/0105/26', disposal: 'charged' }, now),
    ],
  });
  expect(feed.status).toBe(200);
  expect((await app.engine.assign({ officerId: 'MET-ICE-02', suiteId: 'met-croydon', reason: 'Two waiting' }, 'test.duty_manager')).ok).toBe(true);
});

afterAll(() => world?.close());

/** What shows that a view has drawn itself; then nothing on it may still be reading. */
const READY: Record<RouteId, string> = {
  map: '[data-testid=map]',
  ccu: '[data-testid=ccu-queue]',
  register: '[data-testid=register]',
  coverage: '[data-testid=coverage-report]',
  meeting: '[data-testid=meeting] [data-testid=recommendations] li',
  wall: '[data-testid=wall-tile][data-tile=figures][data-stale=false]',
  'high-harm': '[data-testid=high-harm]',
  reports: '[data-testid=reports] [data-testid=pack-meta]',
  forum: '[data-testid=forum] [data-testid=forum-periods]',
  review: '[data-testid=footfall-review]',
  replay: '[data-testid=replay-map] .suite-marker',
  admin: '[data-testid=admin]',
  officers: '[data-testid=status-board]',
  duty: '[data-testid=duty]',
};

/** Opens a view as its tab does (no reload once the dashboard is up) and waits until it is drawn. */
async function visit(page: Page, hash: string, ready: string): Promise<void> {
  if (page.url().startsWith(world.origin)) await page.evaluate((h) => (location.hash = h), hash);
  else await page.goto(`${world.origin}/${hash}`);
  await page.locator(ready).first().waitFor();
  await page.waitForFunction(() => document.querySelector('[aria-busy=true], .loading') === null);
}

/** One signed-in page per role, at a laptop's 1280 × 800, going from view to view as a person would. */
async function openAs(role: PrincipalRole): Promise<Page> {
  const { page } = await newPage(world.browser, world.origin, { cookie: world.cookies[role], width: 1280, height: 800 });
  return page;
}

async function checkEveryView(page: Page, role: PrincipalRole): Promise<void> {
  for (const id of abilitiesOf(role).routes) {
    const hash = ROUTES.find((r) => r.id === id)!.hash;
    await visit(page, hash, READY[id]);
    await expectAccessible(page, `${role} on ${hash}`);
  }
}

/** The map with its folded parts opened: the legend, the user menu and a suite's panel. */
async function checkMapParts(page: Page, role: PrincipalRole): Promise<void> {
  await visit(page, ROUTES.find((r) => r.id === 'map')!.hash, READY.map);
  await page.locator('.legend summary').click();
  await page.getByTestId('user-menu-button').click();
  await page.locator('#user-menu-items').waitFor();
  await expectAccessible(page, `${role}: map with legend and user menu open`);
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=suite-row][data-suite-id=met-brixton]').click();
  await page.getByTestId('suite-panel').locator('canvas').waitFor();
  await expectAccessible(page, `${role}: suite panel`);
}

/** From the open suite panel: the first waiting person's ERF timeline, then closed with Escape. */
async function checkTimeline(page: Page, role: PrincipalRole): Promise<void> {
  await page.getByTestId('waiting-list').locator('tr[data-custody-ref]').first().click();
  await page.getByTestId('case-timeline').locator('[data-testid=timeline-entries]').waitFor();
  await expectAccessible(page, `${role}: case timeline`);
  await page.keyboard.press('Escape');
  await page.getByTestId('case-timeline').waitFor({ state: 'detached' });
}

async function checkAlerts(page: Page, role: PrincipalRole): Promise<void> {
  await page.getByTestId('alerts-button').click();
  await page.getByTestId('alerts').locator('li').first().waitFor();
  await expectAccessible(page, `${role}: alerts drawer`);
}

// Each role's test visits ten views and runs axe-core on each: longer than the usual 30 s.
describe('WCAG 2.2 AA (axe-core): every page, for every role that can see it', { timeout: 120_000 }, () => {
  it('the sign-in page, empty and after a wrong password', async () => {
    const { page } = await newPage(world.browser, world.origin, { width: 1280, height: 800 });
    await page.goto(world.origin);
    await page.getByTestId('sign-in').waitFor();
    await expectAccessible(page, 'sign-in');
    await page.getByTestId('sign-in').locator('input[name=username]').fill('nobody');
    await page.getByTestId('sign-in').locator('input[name=password]').fill('not a password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-error').waitFor();
    await expectAccessible(page, 'sign-in with an error');
  });

  it('a duty manager: every view, a case timeline, the reassign dialog and the alerts drawer', async () => {
    const page = await openAs('duty_manager');
    await checkEveryView(page, 'duty_manager');
    await checkMapParts(page, 'duty_manager');
    await checkTimeline(page, 'duty_manager');
    await page.getByRole('button', { name: 'Reassign officer' }).first().click();
    await page.getByTestId('reassign-dialog').locator('select[name=officerId]').selectOption('MET-ICE-01');
    await expectAccessible(page, 'duty_manager: reassign dialog');
    await page.keyboard.press('Escape');
    await checkAlerts(page, 'duty_manager');
  });

  it('a CCU operator: every view, a case timeline and the alerts drawer', async () => {
    const page = await openAs('ccu_operator');
    await checkEveryView(page, 'ccu_operator');
    await checkMapParts(page, 'ccu_operator');
    await checkTimeline(page, 'ccu_operator');
    await checkAlerts(page, 'ccu_operator');
  });

  it('an officer and a police liaison: every view and the suite panel', async () => {
    for (const role of ['officer', 'police_liaison'] as const) {
      const page = await openAs(role);
      await checkEveryView(page, role);
      await checkMapParts(page, role);
    }
  });

  it('an administrator: every view and every administration page', async () => {
    const page = await openAs('admin');
    await checkEveryView(page, 'admin');
    for (const sub of ['users', 'kiosks', 'keys', 'audit', 'security']) {
      await visit(page, `#/admin/${sub}`, `[data-testid=admin-${sub}]`);
      await expectAccessible(page, `admin on #/admin/${sub}`);
    }
    await checkMapParts(page, 'admin');
  });

  it('a wall display', async () => {
    const page = await openAs('wall');
    await checkEveryView(page, 'wall');
  });
});
