import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger, silentLogger } from '../../server/log.js';
import { startServer } from '../../server/start.js';
import { signInEveryRole } from '../support/auth.js';
import { getJson, tempDbPath } from '../support/server.js';
import type { LoggedEvent, Snapshot } from '../../protocol/index.js';

describe('startServer: what `npm start` runs', () => {
  it('imports the reference data, fills in today through the ingest path, and serves it', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NEXUS_DB_PATH: tempDbPath(), NEXUS_SIM_SEED: '7' });
    const server = await startServer(config, silentLogger);
    try {
      const url = `http://127.0.0.1:${server.port}`;
      const cookies = await signInEveryRole(server.app.auth, {});
      const snapshot = await getJson<Snapshot>(`${url}/api/snapshot`, cookies.duty_manager);
      expect(snapshot.suites).toHaveLength(72);
      expect(snapshot.officers.length).toBeGreaterThanOrEqual(110);
      // Yesterday and today so far: at least a day of arrivals nationally (~400 a day).
      const footfall = snapshot.suites.flatMap((s) => s.footfall).reduce((n, day) => n + day.hours.reduce((a, b) => a + b, 0), 0);
      expect(footfall).toBeGreaterThan(300);
      const events = await getJson<LoggedEvent[]>(`${url}/api/events?after=0&limit=50`, cookies.admin);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      // First the national High Harm definition, published by the system; then the simulator's
      // feed and, depending on the time of day the day starts filling in, what its dispatcher and
      // officers did on their screens (commands, as a person's would be).
      expect(events[0]).toMatchObject({ type: 'high_harm.published', actor: 'system', data: { version: 1 } });
      const sources = new Set(events.slice(1).map((e) => e.source));
      expect(sources.has('simulator')).toBe(true);
      expect([...sources].filter((s) => s !== 'simulator' && s !== 'command')).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe('first start', () => {
  it('shows the generated passwords on stderr and keeps them in a file only the owner can read', async () => {
    const dbPath = tempDbPath();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NEXUS_DB_PATH: dbPath, NEXUS_SIMULATOR: 'off' });
    const toStderr: string[] = [];
    const toStdout: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => toStderr.push(String(chunk)) > 0);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => toStdout.push(String(chunk)) > 0);
    const logLines: string[] = [];
    const log = createLogger({ destination: { write: (line: string) => void logLines.push(line) } });
    const server = await startServer(config, log).finally(() => {
      stderr.mockRestore();
      stdout.mockRestore();
    });
    try {
      const file = join(dirname(dbPath), 'first-start.txt');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const text = readFileSync(file, 'utf8');
      const password = /username: admin\s+password: (\S+)/.exec(text)?.[1];
      expect(password).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
      expect(toStderr.join('')).toContain(password);
      expect(toStdout.join('')).not.toContain(password);
      // The log says where they are, not what they are.
      expect(logLines.join('')).not.toContain(password);
      expect(logLines.map((l) => JSON.parse(l) as object)).toContainEqual(expect.objectContaining({ event: 'first_start.accounts_created', passwordsIn: file }));
      // The file's password is the real one.
      const url = `http://127.0.0.1:${server.port}`;
      const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      expect(login.status).toBe(200);
      expect(server.app.readiness.phase).toBe('ready');
    } finally {
      const stopping = server.stop();
      expect(server.app.readiness.phase).toBe('stopping');
      await stopping;
    }
  });
});

describe('configuration', () => {
  it('refuses a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEXUS_TILE_URL: 'tiles.example.org' })).toThrow(/NEXUS_TILE_URL/);
    expect(() => loadConfig({ NEXUS_SIMULATOR: 'maybe' })).toThrow(/NEXUS_SIMULATOR/);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ NEXUS_METRICS_TOKEN: 'short' })).toThrow(/NEXUS_METRICS_TOKEN/);
    expect(() => loadConfig({ NEXUS_NODE_ID: 'has space' })).toThrow(/NEXUS_NODE_ID/);
  });

  it('treats an empty NEXUS_METRICS_TOKEN as unset', () => {
    expect(loadConfig({ NEXUS_METRICS_TOKEN: '' }).metricsToken).toBeNull();
  });

  it('defaults to port 3000, ./data/nexus.db, simulator on, no tiles', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dbPath: './data/nexus.db', tiles: null, logLevel: 'info', metricsToken: null });
    expect(config.simulator.enabled).toBe(true);
  });
});
