import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export interface NodeProcess {
  url: string;
  child: ChildProcess;
  /** Everything the node wrote to stderr and stdout, for a failing test's message. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * A node as production runs one: `node --import tsx server/main.ts` in a process of its own (so it can be
 * killed with SIGKILL), on a random port, answering /readyz before this resolves.
 */
export async function spawnNode(env: Record<string, string>, timeoutMs = 30_000): Promise<NodeProcess> {
  // One process (the tsx CLI would run the server in a child of its own, which SIGKILL would miss).
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    // A database path of its own only for the first-start passwords file: never into the working tree.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NEXUS_SIMULATOR: 'off', NEXUS_DB_PATH: join(mkdtempSync(join(tmpdir(), 'nexus-node-')), 'nexus.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const watch = () => {
      const port = /running: http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    };
    child.stderr!.on('data', watch);
    child.once('exit', (code) => reject(new Error(`node exited (${code}):\n${output}`)));
  });
  for (let ready = false; !ready; ) {
    ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => output,
    kill: (signal) =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}
