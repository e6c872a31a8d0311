/**
 * Creates a user on the configured database:
 *   npm run user:add -- <username> <role> <region…>
 *   npm run user:add -- <username> <role> --national
 *   npm run user:add -- <username> officer <region> --call-sign <CALL-SIGN>
 * Prints a generated password once. Roles: admin, duty_manager, ccu_operator, officer,
 * police_liaison. A police liaison and an officer name exactly one region (force); a duty manager
 * names regions or says --national; admins and CCU operators are national. Nothing is national by
 * omission, and a region must be one the reference data knows. An officer is linked to their call
 * sign on the roster, which must be in their region and not linked to another account.
 */
import { CreateUser } from '../protocol/index.js';
import { openStores } from '../db/open-stores.js';
import { ensureReference } from '../db/reference/index.js';
import { loadConfig } from '../server/config.js';
import { silentLogger } from '../server/log.js';
import { accountScopeProblem } from '../server/security/account-scope.js';
import { callSignLinkProblem } from '../server/security/call-sign-link.js';
import { generatedPassword, hashPassword } from '../server/security/secrets.js';

const USAGE = 'usage: npm run user:add -- <username> <role> (<region>… | --national) [--call-sign <CALL-SIGN>]';
const args = process.argv.slice(2);
const national = args.includes('--national');
const at = args.indexOf('--call-sign');
const callSign = at >= 0 ? (args[at + 1] ?? '') : null;
const [username, role, ...regions] = args.filter((a, i) => a !== '--national' && (at < 0 || (i !== at && i !== at + 1)));
const parsed = CreateUser.safeParse({ username, role, regions, national, callSign });
if (!parsed.success) {
  console.error(USAGE);
  console.error(parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
// The configured database: the embedded file, or the cluster's PostgreSQL (NEXUS_DATABASE_URL).
const config = loadConfig();
const stores = await openStores({ databaseUrl: config.databaseUrl ?? undefined, sqlitePath: config.dbPath, synchronous: config.dbSynchronous, log: silentLogger });
const { store } = stores;
const reference = await ensureReference(store);
const auth = stores.auth;
const problem =
  accountScopeProblem(parsed.data.role, parsed.data.regions, parsed.data.national, new Set(reference.suites.map((s) => s.region))) ??
  (await callSignLinkProblem(auth, reference.officers, { ...parsed.data, userId: null }));
if (problem) {
  console.error(USAGE);
  console.error(`  ${problem}`);
  await stores.close();
  process.exit(2);
}
if (await auth.findUserByName(parsed.data.username)) {
  console.error(`User ${parsed.data.username} already exists.`);
  await stores.close();
  process.exit(1);
}
const password = generatedPassword();
const { national: _national, ...user } = parsed.data;
await auth.createUser({ ...user, passwordHash: await hashPassword(password), createdAt: Date.now() });
const audit = (action: string, detail: Record<string, unknown>) =>
  auth.appendAudit({ at: new Date().toISOString(), actor: 'console', role: 'admin', action, subject: user.username, detail, ip: null });
await audit('user.created', { role: user.role, regions: user.regions, callSign: user.callSign });
if (user.callSign) await audit('user.call_sign_linked', { callSign: user.callSign, previous: null });
await stores.close();
const linked = user.callSign ? `, call sign ${user.callSign}` : '';
console.log(`Created ${user.role} ${user.username} (${user.regions.length ? user.regions.join(', ') : 'national'}${linked}). One-time password: ${password}`);
