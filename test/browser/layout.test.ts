import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PrincipalRole } from '../../protocol/index.js';
import { newPage, screenshot, startBrowserWorld, type BrowserWorld } from '../support/browser.js';

let world: BrowserWorld;

beforeAll(async () => {
  world = await startBrowserWorld();
});

afterAll(() => world?.close());

/** The dashboard as a laptop shows it: 1280 × 800. */
async function laptop(role: PrincipalRole): Promise<Page> {
  const { page } = await newPage(world.browser, world.origin, { cookie: world.cookies[role], width: 1280, height: 800 });
  await page.goto(world.origin);
  await page.locator('[data-testid=connection][data-state=live]').waitFor();
  return page;
}

/** Elements matching `selector` whose text does not fit (cut off, ended with "…" or pushed out of the window). */
function cutOff(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return el.scrollWidth > el.clientWidth + 1 || box.right > window.innerWidth || box.left < 0;
      })
      .map((el) => el.textContent?.trim() ?? ''),
  );
}

describe('the dashboard on a phone (390 × 844)', () => {
  it('the map fills the screen, the suite list and a suite lie over it, and nothing runs off the side', async () => {
    const { page } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager, width: 390, height: 844 });
    await page.goto(world.origin);
    await page.locator('[data-testid=connection][data-state=live]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await cutOff(page, 'header > *, [data-testid=signed-in-name]')).toEqual([]);
    // The list starts folded: the map has the width.
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    expect((await page.getByTestId('map').boundingBox())!.width).toBeGreaterThan(380);
    await page.getByRole('button', { name: 'Suite list', exact: true }).click();
    await page.locator('[data-testid=suite-row][data-suite-id=met-brixton]').click();
    const panel = (await page.getByTestId('suite-panel').boundingBox())!;
    expect([panel.x, panel.width]).toEqual([0, 390]);
    await screenshot(page, 'phone-suite-panel');
  });

  it('Point in time shows its map above the figures, and nothing runs off the side', async () => {
    const { page } = await newPage(world.browser, world.origin, { cookie: world.cookies.duty_manager, width: 390, height: 844 });
    await page.goto(`${world.origin}/#/replay`);
    await page.getByTestId('replay-time').locator('.day').waitFor();
    const map = (await page.getByTestId('replay').locator('.map-area').boundingBox())!;
    const side = (await page.getByTestId('replay').locator('.side').boundingBox())!;
    expect(map.width).toBeGreaterThan(340);
    expect(map.height).toBeGreaterThan(300);
    expect(side.y).toBeGreaterThanOrEqual(map.y + map.height);
    expect(side.x + side.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'phone-point-in-time');
  });
});

describe('the dashboard on a 1280 px laptop', () => {
  it('the header, the tabs and the user menu each fit on one line, nothing cut short', async () => {
    for (const role of ['duty_manager', 'admin', 'ccu_operator'] as const) {
      const page = await laptop(role);
      const nav = page.getByTestId('nav');
      expect(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      // Every tab is one line high: as high as the one-word "Map" tab.
      const heights = await nav.locator('a').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().height));
      expect(new Set(heights).size, `${role}: tab heights ${heights.join(', ')}`).toBe(1);
      expect(await cutOff(page, 'header, header > *, [data-testid=signed-in-name], [data-testid=nav] a, [data-testid=marking]')).toEqual([]);
      const name = await page.getByTestId('user-menu-button').evaluate((el) => el.getBoundingClientRect().height);
      expect(name).toBeLessThan(36); // one line, not name over role
      expect(await page.getByTestId('signed-in-name').textContent()).toBe(`test.${role}`);
      await screenshot(page, `laptop-header-${role}`);
    }
  });

  it('force names in the suite list are whole', async () => {
    const page = await laptop('duty_manager');
    await page.locator('#suite-filter').fill('Greater Manchester');
    const rows = page.getByTestId('suite-row');
    await expect.poll(() => rows.count()).toBe(9);
    expect(await rows.first().textContent()).toMatch(/Greater Manchester Police/);
    expect(await cutOff(page, '[data-testid=suite-row] .name, [data-testid=suite-row] small')).toEqual([]);
  });

  it('zoomed in on London, no suite name lies on another, and each is beside its own circle', async () => {
    const page = await laptop('duty_manager');
    const map = page.getByTestId('map');
    const brixton = await page.locator('.suite-marker[data-suite-id=met-brixton]').boundingBox();
    await page.mouse.move(brixton!.x + brixton!.width / 2, brixton!.y + brixton!.height / 2);
    // Scroll in around London until the names are drawn (from zoom 9.5), then once more.
    for (let i = 0; i < 12 && (await page.locator('.suite-label').count()) === 0; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(250);
    }
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(600);
    const boxes = await map.evaluate((el) => {
      const view = el.getBoundingClientRect();
      return [...el.querySelectorAll<HTMLElement>('.suite-label span')]
        .filter((s) => s.dataset.side !== 'none')
        .map((s) => ({ name: s.textContent ?? '', ...s.getBoundingClientRect().toJSON() }) as { name: string; x: number; y: number; width: number; height: number })
        .filter((b) => b.x < view.right && b.x + b.width > view.left && b.y < view.bottom && b.y + b.height > view.top);
    });
    expect(boxes.length).toBeGreaterThanOrEqual(5);
    const clashes = boxes.flatMap((a, i) =>
      boxes.slice(i + 1).filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height).map((b) => `${a.name} / ${b.name}`),
    );
    expect(clashes).toEqual([]);
    await screenshot(page, 'laptop-london-labels');
  });

  it("the selected suite stays in sight beside its panel, even at the map's edge", async () => {
    const page = await laptop('duty_manager');
    await page.locator('[data-testid=suite-row][data-suite-id=kent-margate]').click();
    await page.getByTestId('suite-panel').waitFor();
    const panel = (await page.getByTestId('suite-panel').boundingBox())!;
    const mapBox = (await page.getByTestId('map').boundingBox())!;
    const marker = page.locator('.suite-marker[data-suite-id=kent-margate]');
    await expect
      .poll(async () => {
        const m = (await marker.boundingBox())!;
        const x = m.x + m.width / 2;
        return x > mapBox.x && x < mapBox.x + mapBox.width && x < panel.x;
      })
      .toBe(true);
    await screenshot(page, 'laptop-selected-at-edge');
  });
});
