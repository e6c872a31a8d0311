import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../support/server.js';

describe('server/main.ts, as `npm start` runs it', () => {
  it('writes only JSON lines to stdout, the person-facing text to stderr, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NEXUS_DB_PATH: tempDbPath(), NEXUS_SIMULATOR: 'off', LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');

    const started = Date.now();
    while (!stderr.includes('Nexus Live is running') && child.exitCode === null) {
      if (Date.now() - started > 20_000) throw new Error(`no start within 20 s:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const port = Number(/"port":(\d+)/.exec(stdout)?.[1]);
    const probe = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(probe.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];

    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const events = lines.map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(expect.arrayContaining(['server.started', 'first_start.accounts_created', 'http.request', 'server.stopping']));
    expect(events.indexOf('server.stopping')).toBe(events.length - 1);
    expect(stderr).toMatch(/First start: these accounts were created/);
    expect(stdout).not.toMatch(/password:/);
  });
});
