import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PrincipalRole } from '../../protocol/index.js';
import { buildReference } from '../../db/reference/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import { createApp, type NexusApp } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import { grantIngest, sessionCookie, signInEveryRole } from '../support/auth.js';
import { launchChromium, newPage, screenshot } from '../support/browser.js';
import { item, postIngest, tempDbPath } from '../support/server.js';
import { OFFICER_COLOUR } from '../../client/lib/colours.js';
import { officerDots } from './officer-dots.js';

/**
 * Issue 12, "What must show it": a duty manager (1280 px) moves officer MET-ICE-07; the officer's
 * phone (390×844) shows the move within 2 s; the officer acknowledges and the manager sees it; the
 * officer arrives and records a check, and the person leaves the waiting list on both screens.
 * Then "cannot attend", and a move left unacknowledged alerting the duty manager.
 */
const MINUTE = 60_000;
const X = 'MET-ICE-07';
let app: NexusApp;
let store: SqliteStore;
let origin: string;
let browser: Browser;
let cookies: Record<PrincipalRole, string>;
let officerCookie: string;
let clock: ManualClock;
let manager: Page;
let phone: Page;
const foreign: string[][] = [];

beforeAll(async () => {
  store = new SqliteStore({ path: tempDbPath() });
  const { reference } = buildReference();
  const auth = store.authStore();
  clock = new ManualClock(Date.now());
  const config = loadConfig({ NEXUS_SIMULATOR: 'off', NEXUS_DERIVED_MS: '1000', NEXUS_HEARTBEAT_MS: '1000' });
  app = await createApp({ store, auth, clock, config, reference, log: silentLogger });
  origin = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  await grantIngest(auth, origin);
  cookies = await signInEveryRole(auth, {}); // a national duty manager
  const account = await auth.createUser({ username: 'io.ice7', passwordHash: 'x', role: 'officer', regions: ['Metropolitan Police'], callSign: X, createdAt: Date.now() });
  officerCookie = await sessionCookie(auth, account.id);
  const now = clock.now();
  const booked = (custodyRef: string, suiteId: string, nationality: string, minutesAgo: number, offenceCategory: 'theft' | 'rape' = 'theft') =>
    item('arrest.booked', { custodyRef, suiteId, nationality, iabsMatch: true, relevantTime: now - minutesAgo * MINUTE, offenceCategory }, now);
  const feed = await postIngest(origin, {
    source: 'custody-test',
    events: [
      item('officer.rostered', { officerId: X, status: 'available' }, now),
      item('officers.moved', { positions: [{ officerId: X, lat: 51.43, lng: -0.12 }] }, now),
      item('officer.rostered', { officerId: 'MET-IO-02', status: 'available' }, now),
      item('officer.arrived', { officerId: 'MET-IO-02', suiteId: 'met-brixton' }, now),
      booked('MP/0101/26', 'met-croydon', 'AL', 90),
      booked('MP/0102/26', 'met-croydon', 'RO', 30),
      booked('MP/0103/26', 'met-brixton', 'PL', 60),
    ],
  });
  expect(feed.status).toBe(200);
  browser = await launchChromium();
  const m = await newPage(browser, origin, { cookie: cookies.duty_manager, width: 1280, height: 800 });
  const p = await newPage(browser, origin, { cookie: officerCookie, width: 390, height: 844 });
  [manager, phone] = [m.page, p.page];
  foreign.push(m.foreign, p.foreign);
  await manager.goto(`${origin}/#/officers`);
  await phone.goto(origin);
  await manager.locator('[data-testid=connection][data-state=live]').waitFor();
  await phone.getByTestId('duty').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

const row = (id: string) => manager.locator(`[data-testid=status-board] tr[data-officer-id="${id}"]`);
const duty = (testid: string) => phone.getByTestId(testid);
const waitingRefs = (page: Page, list: string) =>
  page.locator(`[data-testid=${list}] [data-custody-ref]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-custody-ref')));

describe("the officer's screen and the duty manager's side of a move", () => {
  it('moves, acknowledges, arrives, checks: each step on both screens', async () => {
    // The officer, free: their call sign, the link, big plain actions.
    await expect.poll(() => duty('duty-status').textContent()).toBe('Available');
    expect(await duty('duty-call-sign').textContent()).toBe(X);
    expect(await duty('duty-link').textContent()).toMatch(/acts for call sign MET-ICE-07/);
    await screenshot(phone, 'officer-phone-390-available');

    // The status board: sortable, filterable by region, this officer's row.
    await row(X).waitFor();
    expect(await row(X).getAttribute('data-status')).toBe('available');
    await manager.getByTestId('board-region').selectOption('Metropolitan Police');
    await expect.poll(() => manager.getByTestId('board-count').textContent()).toBe('2 officers');
    await manager.locator('[data-testid=status-board] th button[data-column=id]').click();
    const ids = () => manager.locator('[data-testid=status-board] tbody tr[data-officer-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-officer-id')));
    expect(await ids()).toEqual(['MET-ICE-07', 'MET-IO-02']);
    await manager.locator('[data-testid=status-board] th button[data-column=id]').click();
    expect(await ids()).toEqual(['MET-IO-02', 'MET-ICE-07']);

    // The manager opens the dialog from the officer's row: suites nearest first by road from them.
    await row(X).locator('.call-sign').click();
    const dialog = manager.getByTestId('reassign-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('[name=officerId]').inputValue()).toBe(X);
    const texts = await dialog.locator('[name=suiteId] option:not([value=""])').allTextContents();
    const minutes = texts.map((t) => {
      const [, h, m] = / — (?:(\d+) h )?(\d+) min/.exec(t) ?? [];
      return Number(h ?? 0) * 60 + Number(m);
    });
    expect(minutes.length).toBeGreaterThan(60);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
    // Another region needs a reason, on the screen as on the server.
    await dialog.locator('[name=suiteId]').selectOption('wmp-perry-barr');
    await expect.poll(() => dialog.getByTestId('reason-required').textContent()).toMatch(/another region/);
    expect(await dialog.getByRole('button', { name: 'Confirm move' }).isDisabled()).toBe(true);
    await dialog.locator('[name=suiteId]').selectOption('met-croydon');
    await expect.poll(() => dialog.getByTestId('reason-required').count()).toBe(0);
    await dialog.locator('[name=reason]').fill('Two waiting at Croydon, nobody there');
    await expect.poll(() => dialog.getByTestId('reassign-summary').textContent()).toMatch(/Send MET-ICE-07 from where they are to Croydon, about \d+ min: ETA \d\d:\d\d/);
    await screenshot(manager, 'reassign-dialog-1280');
    await manager.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(manager, 'reassign-dialog-1920');
    await manager.setViewportSize({ width: 1280, height: 800 });

    const sent = Date.now();
    await dialog.getByRole('button', { name: 'Confirm move' }).click();
    // The phone shows the move within 2 s of the manager confirming it.
    await duty('duty-destination').filter({ hasText: 'Go to Croydon' }).waitFor({ timeout: 2_000 });
    expect(Date.now() - sent).toBeLessThan(2_000);
    expect(await duty('duty-reason').textContent()).toBe('Two waiting at Croydon, nobody there');
    expect(await duty('duty-sent-by').textContent()).toMatch(/^test\.duty_manager at \d\d:\d\d$/);
    expect(await duty('duty-acknowledged').textContent()).toBe('Not yet');
    expect(await duty('duty-eta').textContent()).toMatch(/^\d\d:\d\d \(in \d+ m\)$/);
    // Who waits there, in queue order, with nationality, PACE time left and High Harm.
    expect(await waitingRefs(phone, 'duty-waiting')).toEqual(['MP/0101/26', 'MP/0102/26']);
    expect(await phone.locator('[data-custody-ref="MP/0101/26"]').textContent()).toMatch(/Albania \(AL\).*PACE left\d+ h \d\d m/s);
    await screenshot(phone, 'officer-phone-390-move');
    // From 360×640 up: nothing wider than the screen, the actions still large.
    await phone.setViewportSize({ width: 360, height: 640 });
    expect(await phone.evaluate(() => document.querySelector('.page')!.scrollWidth)).toBeLessThanOrEqual(360);
    expect((await duty('duty-acknowledge').boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await screenshot(phone, 'officer-phone-360-move');
    await phone.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => row(X).getAttribute('data-acknowledged')).toBe('unacknowledged');

    // The officer acknowledges; the manager's board shows it.
    await duty('duty-acknowledge').click();
    await expect.poll(() => row(X).getAttribute('data-acknowledged')).toBe('acknowledged');
    expect(await row(X).getByTestId('board-ack').textContent()).toMatch(/Yes, \d\d:\d\d/);
    await screenshot(manager, 'status-board-1280');
    await manager.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(manager, 'status-board-1920');
    await manager.setViewportSize({ width: 1280, height: 800 });

    // The manager watches Croydon's waiting list on the map.
    await manager.locator('nav [data-route=map]').click();
    await manager.locator('[data-testid=suite-row][data-suite-id=met-croydon]').click();
    await expect.poll(() => waitingRefs(manager, 'waiting-list')).toEqual(['MP/0101/26', 'MP/0102/26']);

    // The officer arrives, starts a check and records it (asked twice).
    await duty('duty-arrive').click();
    await expect.poll(() => duty('duty-status').textContent()).toBe('At suite');
    const person = phone.locator('[data-testid=duty-case][data-custody-ref="MP/0101/26"]');
    await person.getByTestId('duty-start').click();
    await person.getByTestId('duty-outcome').selectOption('lawfully_present');
    await screenshot(phone, 'officer-phone-390-check');
    await person.getByTestId('duty-record').click();
    expect(await person.textContent()).toMatch(/Record Lawfully present for MP\/0101\/26\?/);
    await person.getByTestId('duty-record-confirm').click();

    // The person leaves the waiting list on both screens.
    await expect.poll(() => waitingRefs(phone, 'duty-waiting')).toEqual(['MP/0102/26']);
    await expect.poll(() => waitingRefs(manager, 'waiting-list')).toEqual(['MP/0102/26']);
    const recorded = app.engine.state.cases.get('MP/0101/26');
    expect(recorded?.check).toMatchObject({ officerId: X, mode: 'face_to_face', outcome: 'lawfully_present' });
    expect(recorded?.checkStarted?.by).toBe('io.ice7');
  });

  it('"cannot attend" sends the person to the CCU queue, and the duty manager sees why', async () => {
    const person = phone.locator('[data-testid=duty-case][data-custody-ref="MP/0102/26"]');
    await person.getByTestId('duty-decline').click();
    await person.getByLabel('Detainee not available (interview, hospital, solicitor)').check();
    await person.getByTestId('duty-decline-note').fill('With the solicitor until 18:00');
    await screenshot(phone, 'officer-phone-390-cannot-attend');
    await person.getByTestId('duty-decline-send').click();
    await expect.poll(() => person.getByTestId('duty-declined').textContent()).toMatch(/You said you cannot attend: Detainee not available.*With the solicitor until 18:00/);

    await manager.locator('nav [data-route=ccu]').click();
    const queued = manager.locator('[data-testid=ccu-waiting] tr[data-custody-ref="MP/0102/26"]');
    await expect.poll(() => queued.getByTestId('ccu-declined').textContent()).toMatch(/MET-ICE-07 cannot attend: Detainee not available.*With the solicitor until 18:00/);
    await manager.getByTestId('alerts-button').click();
    await expect.poll(() => manager.getByTestId('alerts').textContent()).toMatch(/MET-ICE-07 cannot attend MP\/0102\/26 at Croydon/);
    await manager.getByTestId('alerts-button').click();
    expect(foreign.flat()).toEqual([]);
  });

  it('a move left unacknowledged alerts the duty manager; acknowledging clears it', async () => {
    await manager.locator('nav [data-route=officers]').click();
    await row(X).locator('.call-sign').click();
    const dialog = manager.getByTestId('reassign-dialog');
    await dialog.locator('[name=suiteId]').selectOption('met-brixton');
    await dialog.getByRole('button', { name: 'Confirm move' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await duty('duty-destination').filter({ hasText: 'Go to Brixton' }).waitFor({ timeout: 2_000 });
    await expect.poll(() => row(X).getAttribute('data-acknowledged')).toBe('unacknowledged');
    expect(app.engine.derived().alerts.some((a) => a.kind === 'move_unacknowledged')).toBe(false);

    // Time passes on the server past NEXUS_ALERT_MOVE_ACK_MINUTES (5) with no acknowledgement.
    clock.advance(6 * MINUTE);
    await manager.getByTestId('alerts-button').click();
    const alerts = manager.getByTestId('alerts');
    await expect.poll(() => alerts.textContent(), { timeout: 5_000 }).toMatch(/MET-ICE-07 has not acknowledged the move to Brixton sent at \d\d:\d\d/);
    await screenshot(manager, 'alert-move-unacknowledged-1280');

    await duty('duty-acknowledge').click();
    await expect.poll(() => alerts.textContent(), { timeout: 5_000 }).not.toMatch(/has not acknowledged/);
    await expect.poll(() => row(X).getAttribute('data-acknowledged')).toBe('acknowledged');
    await manager.getByTestId('alerts-button').click();
  });

  it('a position older than NEXUS_POSITION_STALE_MINUTES (10) is shown stale, with its age, on the board and the map', async () => {
    // MET-IO-02's position is its arrival at Brixton, 6 minutes ago on the server's clock; 5½ more
    // (not a whole minute: the screen's clock may be a second behind the server's).
    clock.advance(5.5 * MINUTE);
    const cell = row('MET-IO-02').getByTestId('board-position');
    await expect.poll(() => cell.textContent(), { timeout: 5_000 }).toMatch(/^11 min\s*Stale$/);
    await manager.locator('nav [data-route=map]').click();
    await manager.locator('[data-testid=suite-row][data-suite-id=met-brixton]').click();
    // A stale dot is hollow: its status colour only as a ring. The tooltip says how old it is.
    const [dot] = await officerDots(manager, OFFICER_COLOUR.at_suite);
    expect(dot).toBeDefined();
    await manager.mouse.move(dot!.x, dot!.y);
    await expect.poll(() => manager.locator('.officer-tooltip').textContent()).toMatch(/MET-IO-02.*At Brixton.*Position 11 min old \(stale\)/);
    await screenshot(manager, 'map-stale-officer-1280');
  });

  it('the CCU queue says who took each check and since when; only the taker records it (asked twice); a duty manager can release it', async () => {
    const { page: ccu, foreign: away } = await newPage(browser, origin, { cookie: cookies.ccu_operator, width: 1280, height: 800 });
    foreign.push(away);
    await ccu.goto(`${origin}/#/ccu`);
    const waiting = ccu.locator('[data-testid=ccu-waiting] tr[data-custody-ref="MP/0102/26"]');
    const taken = ccu.locator('[data-testid=ccu-taken] tr[data-custody-ref="MP/0102/26"]');
    await waiting.getByRole('button', { name: 'Take' }).click();
    await expect.poll(() => taken.getByTestId('ccu-taken-by').textContent()).toMatch(/^Taken by test\.ccu_operator since \d\d:\d\d \(.+, remote\)$/);

    // The duty manager sees who holds it, cannot record it, and releases it.
    await manager.locator('nav [data-route=ccu]').click();
    const held = manager.locator('[data-testid=ccu-taken] tr[data-custody-ref="MP/0102/26"]');
    await expect.poll(() => held.getByTestId('ccu-taken-by').textContent()).toMatch(/Taken by test\.ccu_operator/);
    expect(await held.locator('[name=outcome]').count()).toBe(0);
    await held.getByTestId('ccu-release').click();
    await held.getByTestId('ccu-release-confirm').click();
    await expect.poll(() => waiting.getByRole('button', { name: 'Take' }).count()).toBe(1);

    // Taken again, recorded only after saying yes.
    await waiting.getByRole('button', { name: 'Take' }).click();
    await taken.locator('[name=outcome]').selectOption('no_trace');
    await taken.getByRole('button', { name: 'Record' }).click();
    expect(await taken.textContent()).toMatch(/Record “No trace” for MP\/0102\/26\?/);
    expect(app.engine.state.cases.get('MP/0102/26')?.check).toBeNull();
    await screenshot(ccu, 'ccu-queue-record-confirm-1280');
    await taken.getByTestId('ccu-record-confirm').click();
    await expect.poll(() => taken.count()).toBe(0);
    expect(app.engine.state.cases.get('MP/0102/26')?.check).toMatchObject({ officerId: null, mode: 'remote', outcome: 'no_trace' });
    expect(foreign.flat()).toEqual([]);
  });
});
