import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../server/security/secrets.js';
import { newPage, screenshot, startBrowserWorld, watchConsoleErrors, type BrowserWorld } from '../support/browser.js';
import { item, postIngest } from '../support/server.js';
import { officerPixels } from './officer-dots.js';

let world: BrowserWorld;
const PASSWORD = 'a long test passphrase';

/** The real server and dashboard with a duty manager and a Met police liaison who sign in themselves. */
beforeAll(async () => {
  world = await startBrowserWorld();
  const auth = world.store.authStore();
  const passwordHash = await hashPassword(PASSWORD);
  await auth.createUser({ username: 'dm.jones', passwordHash, role: 'duty_manager', regions: [], createdAt: Date.now() });
  await auth.createUser({ username: 'liaison.met', passwordHash, role: 'police_liaison', regions: ['Metropolitan Police'], createdAt: Date.now() });
  const now = Date.now();
  const feed = await postIngest(world.origin, {
    source: 'custody',
    events: [
      item('officer.rostered', { officerId: 'MET-ICE-01', status: 'available' }, now),
      item('arrest.booked', { custodyRef: 'MP/0201/26', suiteId: 'met-brixton', nationality: 'AL', iabsMatch: true, relevantTime: now - 3_600_000, offenceCategory: 'theft' }, now),
      item('arrest.booked', { custodyRef: 'WM/0202/26', suiteId: 'wmp-perry-barr', nationality: 'PK', iabsMatch: true, relevantTime: now - 1_800_000, offenceCategory: 'theft' }, now),
    ],
  });
  expect(feed.status).toBe(200);
});

afterAll(() => world?.close());

async function signIn(username: string): Promise<{ page: Page; foreign: string[] }> {
  const { page, foreign } = await newPage(world.browser, world.origin);
  await page.goto(world.origin);
  const form = page.getByTestId('sign-in');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.locator('[data-testid=connection][data-state=live]').waitFor();
  return { page, foreign };
}

describe('signing in, as people with different jobs', () => {
  it('the sign-in page, and signing in, write no error to the console (signed out is not a 401)', async () => {
    const { page } = await newPage(world.browser, world.origin);
    const errors = watchConsoleErrors(page);
    await page.goto(world.origin);
    await page.getByTestId('sign-in').waitFor();
    expect(errors).toEqual([]);
    await page.getByTestId('sign-in').locator('input[name=username]').fill('dm.jones');
    await page.getByTestId('sign-in').locator('input[name=password]').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.locator('[data-testid=connection][data-state=live]').waitFor();
    expect(errors).toEqual([]);
  });

  it('a wrong password is refused on the sign-in page', async () => {
    const page = await (await world.browser.newContext()).newPage();
    await page.goto(world.origin);
    await page.getByTestId('sign-in').locator('input[name=username]').fill('dm.jones');
    await page.getByTestId('sign-in').locator('input[name=password]').fill('not the password');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toMatch(/not right/);
    await screenshot(page, 'sign-in-refused');
  });

  it('a duty manager signs in and reassigns an officer; the move is recorded as theirs', async () => {
    const { page, foreign } = await signIn('dm.jones');
    expect(await page.getByTestId('dashboard').getAttribute('data-role')).toBe('duty_manager');
    await page.getByRole('button', { name: 'Reassign officer' }).first().click();
    const dialog = page.getByTestId('reassign-dialog');
    await dialog.locator('[name=officerId]').selectOption('MET-ICE-01');
    await dialog.locator('[name=suiteId]').selectOption('met-brixton');
    await dialog.locator('[name=reason]').fill('One waiting at Brixton');
    await dialog.getByRole('button', { name: 'Confirm move' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('activity').locator('li[data-seq]').first().textContent()).toMatch(/MET-ICE-01.*Brixton.*by dm\.jones/s);
    expect(world.app.engine.state.assignments[0]).toMatchObject({ officerId: 'MET-ICE-01', actor: 'dm.jones' });
    const audit = await world.app.auth.allAudit();
    expect(audit.map((e) => `${e.actor}:${e.action}`)).toEqual(expect.arrayContaining(['dm.jones:sign_in', 'dm.jones:officer:assign']));
    await screenshot(page, 'sign-in-duty-manager');
    expect(foreign).toEqual([]);
  });

  it('a police liaison sees demand for their force only: no people, no officers', async () => {
    const { page, foreign } = await signIn('liaison.met');
    expect(await page.getByTestId('dashboard').getAttribute('data-role')).toBe('police_liaison');
    await expect.poll(() => page.locator('.suite-marker').count()).toBe(17); // the Met's suites only
    // No officer is drawn: the map says it drew none, and its officers' canvas is blank.
    expect(await page.getByTestId('map').getAttribute('data-officers-drawn')).toBe('0');
    expect(await officerPixels(page)).toBe(0);
    await page.locator('[data-testid=suite-row][data-suite-id=met-brixton]').click();
    const panel = page.getByTestId('suite-panel');
    await expect.poll(() => panel.getByTestId('suite-pending').textContent()).toMatch(/1/);
    expect(await panel.getByTestId('waiting-list').count()).toBe(0);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/MP\/0201\/26|WM\/0202\/26|Albania|MET-ICE-01|Perry Barr/);
    await screenshot(page, 'sign-in-police-liaison');
    expect(foreign).toEqual([]);
  });
});
