import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, startBrowserWorld, type BrowserWorld } from '../support/browser.js';
import { OFFICER_COLOUR } from '../../client/lib/colours.js';
import { officerDots } from './officer-dots.js';
import { item, postIngest } from '../support/server.js';

const MINUTE = 60_000;
let world: BrowserWorld;

/** The real server and built dashboard, with a known morning fed in through the ingest API. */
beforeAll(async () => {
  world = await startBrowserWorld();
  const now = Date.now();
  const arrivals = [
    ['MP/0001/26', 'met-brixton', 'AL', 190], ['MP/0002/26', 'met-brixton', 'RO', 75], ['MP/0003/26', 'met-brixton', 'XX', 20],
    ['MP/0004/26', 'met-croydon', 'PL', 140], ['MP/0005/26', 'met-croydon', 'NG', 35],
    ['WM/0006/26', 'wmp-perry-barr', 'PK', 60], ['GM/0007/26', 'gmp-longsight', 'IN', 45],
  ] as const;
  const feed = await postIngest(world.origin, {
    source: 'custody-test',
    events: [
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, now),
      // A position report, so the dot is drawn as a fresh one (never reported is drawn stale).
      item('officers.moved', { positions: [{ officerId: 'MET-ICE-01', lat: 51.43, lng: -0.12 }] }, now),
      item('officer.rostered', { officerId: 'MET-IO-01', status: 'available' }, now),
      item('officer.arrived', { officerId: 'MET-IO-01', suiteId: 'met-brixton' }, now),
      ...arrivals.map(([custodyRef, suiteId, nationality, minutesAgo]) =>
        item('arrest.booked', { offenceCategory: 'theft', custodyRef, suiteId, nationality, iabsMatch: nationality === 'AL', relevantTime: now - minutesAgo * MINUTE }, now),
      ),
    ],
  });
  expect(feed.status).toBe(200);
});

afterAll(() => world?.close());

async function openDashboard(): Promise<{ page: Page; foreign: string[] }> {
  const { page, foreign } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager, width: 1600, height: 900 });
  await page.goto(world.origin);
  await page.locator('[data-testid=connection][data-state=live]').waitFor();
  return { page, foreign };
}

describe('the dashboard in Chromium', () => {
  it('a move made on one screen shows on another without a reload, and nothing leaves the machine', async () => {
    const a = await openDashboard();
    const b = await openDashboard();
    // All 72 suites of the reference data, the closed one hollow.
    await expect.poll(() => b.page.locator('.suite-marker').count()).toBe(72);

    // A duty manager on screen A moves MET-ICE-01 to Croydon.
    await a.page.getByRole('button', { name: 'Reassign officer' }).first().click();
    const dialog = a.page.getByTestId('reassign-dialog');
    await dialog.locator('[name=officerId]').selectOption('MET-ICE-01');
    await dialog.locator('[name=suiteId]').selectOption('met-croydon');
    await dialog.locator('[name=reason]').fill('Two waiting at Croydon');
    await expect.poll(() => dialog.getByTestId('reassign-summary').textContent()).toMatch(/MET-ICE-01.*Croydon/);
    await dialog.getByRole('button', { name: 'Confirm move' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Screen B sees it, in the moves list and on the map: the one travelling (blue) dot, which
    // names the officer and where they are going when pointed at.
    const move = b.page.getByTestId('activity').locator('li[data-seq]').first();
    await expect.poll(() => move.textContent()).toMatch(/MET-ICE-01.*Croydon.*Two waiting at Croydon.*by test\.duty_manager/s);
    await expect.poll(() => officerDots(b.page, OFFICER_COLOUR.travelling).then((dots) => dots.length)).toBe(1);
    const [dot] = await officerDots(b.page, OFFICER_COLOUR.travelling);
    await b.page.mouse.move(dot!.x, dot!.y);
    await expect.poll(() => b.page.locator('.officer-tooltip').textContent()).toMatch(/MET-ICE-01.*Travelling.*To Croydon/);
    // Not by colour alone: the key gives every status its own shape, as the map draws it.
    const shapes = await b.page.locator('.legend [data-shape]').evaluateAll((marks) => marks.map((m) => m.getAttribute('data-shape')));
    expect(shapes).toHaveLength(4);
    expect(new Set(shapes).size).toBe(4);

    // The log recorded who, from, to and why.
    const recorded = world.app.engine.state.assignments[0];
    expect(recorded).toMatchObject({ officerId: 'MET-ICE-01', toSuiteId: 'met-croydon', reason: 'Two waiting at Croydon', actor: 'test.duty_manager' });
    expect(world.app.engine.state.officers.get('MET-ICE-01')?.status).toBe('travelling');

    await screenshot(a.page, 'dashboard-after-move-screen-a');
    await screenshot(b.page, 'dashboard-after-move-screen-b');
    expect(a.foreign).toEqual([]);
    expect(b.foreign).toEqual([]);
  });

  it('a suite panel shows footfall by hour, who is waiting (longest first) and the officers there', async () => {
    const { page, foreign } = await openDashboard();
    await page.locator('[data-testid=suite-row][data-suite-id=met-brixton]').click();
    const panel = page.getByTestId('suite-panel');
    await expect.poll(() => panel.getByRole('heading').first().textContent()).toMatch(/Brixton/);
    await expect.poll(() => panel.getByTestId('suite-pending').textContent()).toMatch(/3/);
    const refs = await panel.getByTestId('waiting-list').locator('[data-custody-ref]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-custody-ref')));
    expect(refs).toEqual(['MP/0001/26', 'MP/0002/26', 'MP/0003/26']);
    await expect.poll(() => panel.getByTestId('waiting-list').textContent()).toMatch(/Albania/);
    await expect.poll(() => panel.getByTestId('suite-officers').textContent()).toMatch(/MET-IO-01/);
    await panel.locator('canvas').waitFor();
    await screenshot(page, 'dashboard-suite-panel');
    expect(foreign).toEqual([]);
  });

  it('"Colour suites by" keeps its choice after a visit to Point in time, which shows the same choice', async () => {
    const { page } = await openDashboard();
    const mapChoice = page.locator('.map-view [data-testid=colour-by]');
    await mapChoice.locator('label', { hasText: 'Coverage' }).click();
    expect(await mapChoice.locator('input[value=coverage]').isChecked()).toBe(true);
    await page.locator('[data-testid=nav] a[data-route=replay]').click();
    const replayChoice = page.locator('[data-testid=replay] [data-testid=colour-by]');
    await page.locator('[data-testid=replay-map] .suite-marker').first().waitFor();
    expect(await replayChoice.locator('input[value=coverage]').isChecked()).toBe(true);
    await page.locator('[data-testid=nav] a[data-route=map]').click();
    await mapChoice.waitFor();
    expect(await mapChoice.locator('input[value=coverage]').isChecked()).toBe(true);
    expect(await page.getByTestId('legend-suites').first().getAttribute('data-colour-by')).toBe('coverage');
  });

  it('Point in time asks the server for its progress while it reads the log, and the bar goes once the picture is shown', async () => {
    const { page } = await openDashboard();
    const answer = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/replay');
    await page.locator('[data-testid=nav] a[data-route=replay]').click();
    const res = await answer;
    expect(res.request().headers()['accept']).toMatch(/^application\/x-ndjson/);
    expect(res.headers()['content-type']).toMatch(/^application\/x-ndjson/); // the lines themselves: test/server/progress.test.ts
    await page.getByTestId('replay-time').and(page.locator('[data-at]')).waitFor();
    await expect.poll(() => page.locator('[data-testid=replay] [data-testid=progress]').getAttribute('class')).toMatch(/idle/);
  });

  it('an idle second changes only text held in its own contained box (the clock, the connection, how old the advice is)', async () => {
    const { page } = await openDashboard();
    await page.getByTestId('recommendations').locator('.age').waitFor();
    // Whatever changes with nothing arriving must be laid out and painted on its own: an element
    // with layout and paint containment around it, not the header or the sidebar around it.
    const changed = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          const observer = new MutationObserver((list) => {
            for (const m of list) {
              const at = m.target instanceof Element ? m.target : m.target.parentElement;
              let box = at;
              // "layout paint style" reads back as "content".
              while (box && !/paint|content|strict/.test(getComputedStyle(box).contain)) box = box.parentElement;
              seen.push(`${box === null || box.id === 'sidebar' ? 'uncontained' : 'contained'} ${at?.tagName.toLowerCase()}.${at?.className}`);
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          setTimeout(() => (observer.disconnect(), resolve(seen)), 2500);
        }),
    );
    expect(changed.some((c) => c.includes('strong'))).toBe(true); // the clock did tick
    expect(changed.filter((c) => c.startsWith('uncontained'))).toEqual([]);
  });

  it("the sidebar's advice is re-read at most every 15 s while facts flow, and not at all while the map is out of sight", { timeout: 60_000 }, async () => {
    const { page } = await openDashboard();
    await page.getByTestId('recommendations').locator('.age').waitFor();
    let reads = 0;
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/recommendations') reads++;
    });
    /** A position a second for `seconds`: a change every second, as at national scale. */
    const flow = async (seconds: number) => {
      for (let i = 0; i < seconds; i++) {
        const position = { officerId: 'MET-ICE-01', lat: 51.43 + i * 0.0001, lng: -0.12 };
        expect((await postIngest(world.origin, { source: 'gps', events: [item('officers.moved', { positions: [position] }, Date.now())] })).status).toBe(200);
        await page.waitForTimeout(1000);
      }
    };
    await flow(7);
    expect(reads).toBe(0);
    // Another view: the map (and its sidebar) stays in the page, hidden.
    await page.locator('[data-testid=nav] a[data-route=officers]').click();
    await flow(10);
    expect(reads).toBe(0);
    // Back on the map, the advice is over 15 s old: it is read again at once.
    const read = page.waitForRequest((req) => new URL(req.url()).pathname === '/api/recommendations', { timeout: 3000 });
    await page.locator('[data-testid=nav] a[data-route=map]').click();
    await read;
  });

  it('says plainly when the data is no longer live', async () => {
    const { page } = await openDashboard();
    // Cut this page off from the server: the socket drops and the indicator must not stay "Live".
    await page.context().setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await page.locator('[data-testid=connection]:not([data-state=live])').waitFor({ timeout: 20_000 });
    const text = await page.getByTestId('connection').textContent();
    expect(text).toMatch(/Reconnecting|Stale/);
    await screenshot(page, 'dashboard-connection-lost');
    await page.context().setOffline(false);
    await page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 20_000 });
  });
});
