import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Runs `npm run user:add -- …args` (the script itself) on a database; its exit code and everything it printed. */
export function runUserAdd(dbPath: string, ...args: string[]): Promise<{ code: number; out: string }> {
  return promisify(execFile)('node_modules/.bin/tsx', ['scripts/user-add.ts', ...args], { env: { ...process.env, NEXUS_DB_PATH: dbPath } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}
