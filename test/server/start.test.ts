import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
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
      // First the national High Harm definition, published by the system; then the simulator's feed.
      expect(events[0]).toMatchObject({ type: 'high_harm.published', actor: 'system', data: { version: 1 } });
      expect(new Set(events.slice(1).map((e) => e.source))).toEqual(new Set(['simulator']));
    } finally {
      await server.stop();
    }
  });
});

describe('configuration', () => {
  it('refuses a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEXUS_TILE_URL: 'tiles.example.org' })).toThrow(/NEXUS_TILE_URL/);
    expect(() => loadConfig({ NEXUS_SIMULATOR: 'maybe' })).toThrow(/NEXUS_SIMULATOR/);
  });

  it('defaults to port 3000, ./data/nexus.db, simulator on, no tiles', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dbPath: './data/nexus.db', tiles: null });
    expect(config.simulator.enabled).toBe(true);
  });
});
