import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildReference } from '../../db/reference/index.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { PrincipalRole, Role } from '../../protocol/index.js';
import { createApp, type NexusApp } from '../../server/app.js';
import { systemClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import type { Reference } from '../../server/domain/reference.js';
import { silentLogger } from '../../server/log.js';
import { grantIngest, signInEveryRole } from './auth.js';
import { tempDbPath } from './server.js';

/** Debian's Chromium; npm cannot download browsers on this network. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results');

/**
 * Chromium as the tests use it. `lang` sets the browser's own language (`--lang`), which native
 * widgets such as `<input type="date">` follow whatever the page's locale: a test of the date
 * fields launches one in US English.
 */
export async function launchChromium({ lang }: { lang?: string } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  }
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: lang ? [...args, `--lang=${lang}`] : args });
}

/** Records every request a page makes that is not to the app's own origin. */
export function watchForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  const check = (url: string) => {
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  };
  page.on('request', (request) => check(request.url()));
  page.on('websocket', (ws) => check(ws.url().replace(/^ws/, 'http')));
  return foreign;
}

/** Records every error a page writes to its console (a failed request among them) or throws. */
export function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * A fresh page as a person in London would have it (en-GB unless `locale` says otherwise,
 * Europe/London), at `origin`, watching for requests that leave the machine. With `cookie` ("name=value", as signInEveryRole gives them) the
 * page is already signed in; the sign-in page itself is exercised in sign-in.test.ts.
 */
export async function newPage(
  browser: Browser,
  origin: string,
  { cookie, width = 1920, height = 1080, locale = 'en-GB' }: { cookie?: string; width?: number; height?: number; locale?: string } = {},
): Promise<{ page: Page; foreign: string[] }> {
  const context = await browser.newContext({ viewport: { width, height }, locale, timezoneId: 'Europe/London' });
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: origin, httpOnly: true, sameSite: 'Strict' }]);
  }
  const page = await context.newPage();
  return { page, foreign: watchForeignRequests(page, origin) };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** What a browser test runs against: the real product on a random port, and Chromium. */
export interface BrowserWorld {
  /** The running app (a new one after `restart`). */
  app: NexusApp;
  store: SqliteStore;
  origin: string;
  browser: Browser;
  /** A signed-in session cookie for each role and a wall display (see signInEveryRole). */
  cookies: Record<PrincipalRole, string>;
  /** Stops the server, as a crash or a restart would look to an open page. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server (engine, HTTP, Socket.IO, SQLite file, built dashboard) on the real clock with
 * the simulator off, feed keys for the test sources, every role signed in, and Chromium. `env`
 * adds settings (e.g. a faster heartbeat); `lang` is the browser's language (launchChromium);
 * `reference` replaces the shipped suites and roster (e.g. a national-scale one).
 */
export async function startBrowserWorld(
  { env = {}, regions = {}, lang, reference = buildReference().reference }: { env?: Record<string, string>; regions?: Partial<Record<Role, string[]>>; lang?: string; reference?: Reference } = {},
): Promise<BrowserWorld> {
  const store = new SqliteStore({ path: tempDbPath() });
  const auth = store.authStore();
  const config = loadConfig({ NEXUS_SIMULATOR: 'off', ...env });
  const start = async (port: number) => {
    const app = await createApp({ store, auth, clock: systemClock, config, reference, log: silentLogger });
    return { app, port: await app.listen(port, '127.0.0.1') };
  };
  const first = await start(0);
  const origin = `http://127.0.0.1:${first.port}`;
  await grantIngest(auth, origin);
  let running = true;
  const world: BrowserWorld = {
    app: first.app,
    store,
    origin,
    cookies: await signInEveryRole(auth, regions),
    browser: await launchChromium({ lang }),
    stopServer: async () => {
      if (running) await world.app.close();
      running = false;
    },
    restart: async () => {
      await world.stopServer();
      world.app = (await start(first.port)).app;
      running = true;
    },
    close: async () => {
      await world.browser.close();
      await world.stopServer();
      await store.close();
    },
  };
  return world;
}
