import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CreatedAccount } from './security/first-users.js';

/** The file, beside the database, that keeps the first start's passwords for the machine's owner. */
export const firstStartFile = (dbPath: string): string => join(dirname(resolve(dbPath)), 'first-start.txt');

/**
 * Tells the person starting a new database its generated passwords: on the terminal (stderr, so
 * stdout stays JSON for the log store) and in a file only the owner may read (0600), for when the
 * terminal is a service manager's log. Returns the file's path (null for an in-memory database).
 */
export function announceFirstUsers(accounts: readonly CreatedAccount[], port: number, dbPath: string): string | null {
  const file = dbPath === ':memory:' ? null : firstStartFile(dbPath);
  const lines = [
    'First start: these accounts were created. Sign in at http://localhost:' + port,
    'They are not shown again. Change them, or create named users, from the Admin page.',
    ...accounts.map((a) => `  ${a.role.padEnd(14)} username: ${a.username.padEnd(14)} password: ${a.password}`),
    ...(file ? [`They are also in ${file} (readable only by its owner): delete it once you have signed in.`] : []),
  ];
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
    chmodSync(file, 0o600); // a file left by an earlier database keeps its mode on rewrite
  }
  const width = Math.max(...lines.map((l) => l.length));
  process.stderr.write(['', '='.repeat(width), ...lines, '='.repeat(width), ''].join('\n') + '\n');
  return file;
}
