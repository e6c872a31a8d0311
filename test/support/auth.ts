import type { AuthStore } from '../../db/auth-store.js';
import { ROLES, type PrincipalRole, type Role } from '../../protocol/index.js';
import { SESSION_COOKIE } from '../../server/security/http.js';
import { newSecret, sha256 } from '../../server/security/secrets.js';

const ingestKeys = new Map<string, string>();
/** The sources test feeds post as; each gets its own national key, as a real feed would. */
const TEST_SOURCES = ['roster', 'custody', 'custody-test', 'feed', 'gps', 'x'];

export async function grantIngest(auth: AuthStore, url: string): Promise<void> {
  for (const source of TEST_SOURCES) {
    // A restarted test server on the same database gets fresh keys beside the old ones.
    const key = newSecret();
    await auth.createIngestKey({ source, region: null, keyHash: sha256(key), createdAt: Date.now() });
    ingestKeys.set(`${url}|${source}`, key);
  }
}

/** The ingest key a test server issued for a source ('' if none). */
export const keyFor = (url: string, source: unknown) => ingestKeys.get(`${url}|${String(source)}`) ?? '';

/** A session straight into the store, as a sign-in would make: the cookie for it. */
export async function sessionCookie(auth: AuthStore, userId: number | null, kioskId: number | null = null): Promise<string> {
  const token = newSecret();
  const now = Date.now();
  await auth.createSession({ tokenHash: sha256(token), userId, kioskId, createdAt: now, lastSeenAt: now });
  return `${SESSION_COOKIE}=${token}`;
}

/** The call sign the test officer account is linked to: on both the test and the real roster. */
export const TEST_OFFICER_CALL_SIGN = 'MET-IO-01';

/** One user per role (and a wall display), each signed in. Password hashes are not needed here. */
export async function signInEveryRole(auth: AuthStore, regions: Partial<Record<Role, string[]>>): Promise<Record<PrincipalRole, string>> {
  const cookies = {} as Record<PrincipalRole, string>;
  for (const role of ROLES) {
    const username = `test.${role}`;
    const user =
      (await auth.findUserByName(username)) ??
      (await auth.createUser({ username, passwordHash: 'x', role, regions: regions[role] ?? [], callSign: role === 'officer' ? TEST_OFFICER_CALL_SIGN : null, createdAt: Date.now() }));
    cookies[role] = await sessionCookie(auth, user.id);
  }
  const kiosk = await auth.createKiosk({ name: 'JOC wall', regions: [], tokenHash: sha256(newSecret()), createdAt: Date.now(), enrolExpiresAt: Date.now() + 3_600_000 });
  cookies.wall = await sessionCookie(auth, null, kiosk.id);
  return cookies;
}
