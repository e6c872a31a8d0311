import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; npm cannot download browsers on this network. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
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

/**
 * A fresh page as a person in London would have it (en-GB, Europe/London), at `origin`, watching for
 * requests that leave the machine. With `cookie` ("name=value", as signInEveryRole gives them) the
 * page is already signed in; the sign-in page itself is exercised in sign-in.test.ts.
 */
export async function newPage(
  browser: Browser,
  origin: string,
  { cookie, width = 1920, height = 1080 }: { cookie?: string; width?: number; height?: number } = {},
): Promise<{ page: Page; foreign: string[] }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB', timezoneId: 'Europe/London' });
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
