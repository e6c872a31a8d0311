import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the API reference page in a browser', () => {
  it('renders under the strict Content-Security-Policy, offline, with no accessibility violations', async () => {
    const { page, foreign } = await newPage(browser, server.url);
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) refused.push(message.text());
    });
    const res = await page.goto(`${server.url}/api/docs`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Nexus Live API');
    // A link from the route list lands on the route's own section.
    await page.getByRole('link', { name: 'POST /api/ingest' }).click();
    expect(page.url()).toMatch(/#postIngest$/);
    await screenshot(page, 'api-reference');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    expect(refused).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
