/**
 * `npm run screenshots`: the README's pictures, taken from the real app so they stay current.
 * Starts the product on a fresh temporary database with the simulator (seed fixed, today so far
 * filled in), signs in as the people who use each screen, and saves PNGs in docs/screenshots/.
 * Needs Debian's Chromium (CHROMIUM_PATH to use another).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../server/config.js';
import { silentLogger } from '../server/log.js';
import { newSecret, sha256 } from '../server/security/secrets.js';
import { SESSION_COOKIE } from '../server/security/http.js';
import { startServer } from '../server/start.js';
import type { AuthStore } from '../db/auth-store.js';
import type { PrincipalRole, Role } from '../protocol/index.js';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Shot {
  name: string;
  who: PrincipalRole;
  hash: string;
  /** Shown once the screen has its data. */
  ready: string;
  width: number;
  height: number;
}

const SHOTS: Shot[] = [
  { name: 'map', who: 'duty_manager', hash: '#/map', ready: '[data-testid="suite-row"]', width: 1920, height: 1080 },
  { name: 'meeting', who: 'duty_manager', hash: '#/meeting', ready: '[data-testid="meeting-table"] tbody tr', width: 1920, height: 1080 },
  { name: 'wall', who: 'wall', hash: '#/wall', ready: '[data-testid="wall"]', width: 1920, height: 1080 },
  { name: 'officer', who: 'officer', hash: '#/duty', ready: '[data-testid="duty"]', width: 390, height: 844 },
];

mkdirSync(OUT, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'nexus-screens-'));
const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', NEXUS_DB_PATH: join(dir, 'nexus.db'), NEXUS_SIM_SEED: '20141', NEXUS_DATABASE_URL: '', NEXUS_REDIS_URL: '' });
const server = await startServer(config, silentLogger);
const origin = `http://127.0.0.1:${server.port}`;
const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
try {
  for (const shot of SHOTS) {
    const cookie = await sessionFor(server.app.auth, shot.who, busiestOfficer());
    const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height }, locale: 'en-GB', timezoneId: 'Europe/London', deviceScaleFactor: shot.width < 600 ? 2 : 1 });
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: origin, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    await page.goto(`${origin}/${shot.hash}`);
    const shown = await page.waitForSelector(shot.ready, { timeout: 20_000 }).then(() => true, () => false);
    if (!shown) {
      process.stderr.write(`screenshots: ${shot.name} has no ${shot.ready}; skipped\n`);
      await context.close();
      continue;
    }
    await page.waitForTimeout(1_500); // the map's layers and charts settle
    await page.screenshot({ path: join(OUT, `${shot.name}.png`) });
    process.stderr.write(`screenshots: docs/screenshots/${shot.name}.png\n`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

/** The call sign of an officer at a suite with people waiting (else on the way to one): a phone worth showing. */
function busiestOfficer(): string | null {
  const { officers, suites } = server.app.engine.state;
  const deployed = [...officers.values()].filter((o) => o.suiteId !== null && o.status !== 'off_duty');
  deployed.sort((a, b) => (suites.get(b.suiteId!)?.pendingChecks ?? 0) - (suites.get(a.suiteId!)?.pendingChecks ?? 0));
  return deployed[0]?.id ?? null;
}

/** A session for someone of this role (national; an officer in their region, linked to `callSign`). */
async function sessionFor(auth: AuthStore, who: PrincipalRole, callSign: string | null): Promise<string> {
  const token = newSecret();
  const now = Date.now();
  let userId: number | null = null;
  let kioskId: number | null = null;
  if (who === 'wall') {
    kioskId = (await auth.createKiosk({ name: 'JOC wall', regions: [], tokenHash: sha256(newSecret()), createdAt: now, enrolExpiresAt: now })).id;
  } else {
    const username = `screens.${who}`;
    const officer = who === 'officer' && callSign ? server.app.engine.state.officers.get(callSign) : undefined;
    const scope = officer ? { regions: [officer.region], callSign: officer.id } : { regions: [], callSign: null };
    userId = ((await auth.findUserByName(username)) ?? (await auth.createUser({ username, passwordHash: 'x', role: who as Role, ...scope, createdAt: now }))).id;
  }
  await auth.createSession({ tokenHash: sha256(token), userId, kioskId, createdAt: now, lastSeenAt: now });
  return token;
}
