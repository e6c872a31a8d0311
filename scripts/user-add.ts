/**
 * Creates a user on the configured database: `npm run user:add -- <username> <role> [region…]`.
 * Prints a generated password once. Roles: admin, duty_manager, ccu_operator, officer, police_liaison.
 */
import { CreateUser } from '../protocol/index.js';
import { SqliteStore } from '../db/sqlite-store.js';
import { loadConfig } from '../server/config.js';
import { generatedPassword, hashPassword } from '../server/security/secrets.js';

const [username, role, ...regions] = process.argv.slice(2);
const parsed = CreateUser.safeParse({ username, role, regions });
if (!parsed.success) {
  console.error('usage: npm run user:add -- <username> <role> [region…]');
  console.error(parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
const store = new SqliteStore({ path: loadConfig().dbPath });
const auth = store.authStore();
if (await auth.findUserByName(parsed.data.username)) {
  console.error(`User ${parsed.data.username} already exists.`);
  process.exit(1);
}
const password = generatedPassword();
await auth.createUser({ ...parsed.data, passwordHash: await hashPassword(password), createdAt: Date.now() });
await auth.appendAudit({ at: new Date().toISOString(), actor: 'console', role: 'admin', action: 'user.created', subject: parsed.data.username, detail: { role: parsed.data.role, regions: parsed.data.regions }, ip: null });
await store.close();
console.log(`Created ${parsed.data.role} ${parsed.data.username}. One-time password: ${password}`);
