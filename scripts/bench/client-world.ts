import { chromium, type Browser, type Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../server/security/http.js';
import { startOurs, tokenOf, type Ours } from './ours.js';
import { FactStream, nationalReference } from './world.js';

/** Measure 6's world for looking at by hand: the server with 1,500 officers on duty and 2,000 open cases, and Chromium. */
export interface ClientWorld {
  ours: Ours;
  browser: Browser;
  /** One tick of measure 6: every officer moves, plus `demand` arrests, checks and releases. */
  tick(demand?: number): Promise<void>;
  /** One batch of a chosen kind: every officer moving or not, and `demand` arrests, checks and releases. */
  send(what: { moves: boolean; demand: number }): Promise<void>;
  /** The dashboard signed in as a national duty manager, once every officer is on the map. */
  open(width: number, height: number): Promise<Page>;
  close(): Promise<void>;
}

export async function startClientWorld(clientDir: string): Promise<ClientWorld> {
  const reference = nationalReference(250, 1500);
  const ours = await startOurs({ reference, clientDir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const stream = new FactStream(reference, 6, 'C');
  for (const b of stream.onDutyBatches()) await ours.ingest(b);
  for (let n = 0; n < 2000; n += 500) await ours.ingest({ source: 'bench-custody', events: Array.from({ length: 500 }, () => stream.arrest()) });
  const demand = (n: number) => Array.from({ length: n }, (_, i) => (i % 3 === 0 ? stream.arrest() : i % 3 === 1 ? stream.check() : stream.release()));
  const send = async ({ moves, demand: n }: { moves: boolean; demand: number }) => {
    const events = [...(moves ? [stream.moved()] : []), ...demand(n)];
    if (events.length > 0) await ours.ingest({ source: 'bench-feed', events });
  };
  return {
    ours,
    browser,
    tick: (n = 10) => send({ moves: true, demand: n }),
    send,
    open: async (width, height) => {
      const context = await browser.newContext({ viewport: { width, height } });
      await context.addCookies([{ name: SESSION_COOKIE, value: tokenOf(ours.cookie), url: ours.url, httpOnly: true, sameSite: 'Strict' }]);
      const page = await context.newPage();
      await page.goto(ours.url);
      await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid=map]')?.dataset.officersDrawn) >= 1350, null, { timeout: 60_000 });
      return page;
    },
    close: async () => {
      await browser.close();
      await ours.stop();
      ours.cleanup();
    },
  };
}
