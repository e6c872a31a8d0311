import type { AuthStore } from '../../db/auth-store.js';
import type { Role } from '../../protocol/index.js';
import { generatedPassword, hashPassword } from './secrets.js';

export interface CreatedAccount {
  username: string;
  role: Role;
  password: string;
}

/**
 * On a database with no users: an admin with a generated one-time password (never a fixed
 * default), and, when the simulator plays demo data, a national duty manager to look around with.
 */
export async function createFirstUsers(auth: AuthStore, withDemoManager: boolean, now: number): Promise<CreatedAccount[]> {
  if ((await auth.countUsers()) > 0) return [];
  const accounts: { username: string; role: Role }[] = [{ username: 'admin', role: 'admin' }];
  if (withDemoManager) accounts.push({ username: 'duty.manager', role: 'duty_manager' });
  const created: CreatedAccount[] = [];
  for (const a of accounts) {
    const password = generatedPassword();
    await auth.createUser({ username: a.username, passwordHash: await hashPassword(password), role: a.role, regions: [], createdAt: now });
    created.push({ ...a, password });
  }
  return created;
}
