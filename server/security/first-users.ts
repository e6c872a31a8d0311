import type { AuthStore } from '../../db/auth-store.js';
import type { Role } from '../../protocol/index.js';
import { generatedPassword, hashPassword } from './secrets.js';
import { silentLogger, type Logger } from '../log.js';

export interface CreatedAccount {
  username: string;
  role: Role;
  password: string;
}

/**
 * On a database with no users: an admin with a generated one-time password (never a fixed
 * default), and, when the simulator plays demo data, a duty manager (national, by choice) to look
 * around with. Two nodes starting on one new database both try; a username the other node made
 * first is left to it, and only the node that made an account shows its password.
 */
export async function createFirstUsers(auth: AuthStore, withDemoManager: boolean, now: number, log: Logger = silentLogger): Promise<CreatedAccount[]> {
  if ((await auth.countUsers()) > 0) return [];
  const accounts: { username: string; role: Role }[] = [{ username: 'admin', role: 'admin' }];
  if (withDemoManager) accounts.push({ username: 'duty.manager', role: 'duty_manager' });
  const created: CreatedAccount[] = [];
  for (const a of accounts) {
    const password = generatedPassword();
    try {
      await auth.createUser({ username: a.username, passwordHash: await hashPassword(password), role: a.role, regions: [], createdAt: now });
      created.push({ ...a, password });
    } catch (error) {
      if (!(await auth.findUserByName(a.username))) throw error;
      log.info('first_start.made_elsewhere', { username: a.username });
    }
  }
  return created;
}
