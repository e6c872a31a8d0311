import type { AuthStore, SessionOwner, SessionRecord } from '../../db/auth-store.js';
import type { Me } from '../../protocol/index.js';
import type { Clock } from '../clock.js';
import type { Principal } from './principal.js';
import type { SignInLimits } from './sign-in-limits.js';
import { newSecret, sha256, verifyPassword } from './secrets.js';

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
}

export type SignIn = { ok: true; principal: Principal; token: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'rate_limited'; why: string };

/**
 * Sign-in, sessions and their timeouts. The cookie holds a random token; the database holds only
 * its hash. Every use re-reads the user, so a disabled user or a changed role takes effect at once.
 */
export class Sessions {
  readonly #auth: AuthStore;
  readonly #clock: Clock;
  readonly #settings: SessionSettings;
  readonly #limits: SignInLimits;

  constructor(auth: AuthStore, clock: Clock, settings: SessionSettings, limits: SignInLimits) {
    this.#auth = auth;
    this.#clock = clock;
    this.#settings = settings;
    this.#limits = limits;
  }

  /** The sign-in limits, for an admin's password reset. */
  get limits(): SignInLimits {
    return this.#limits;
  }

  async signIn(username: string, password: string, ip: string): Promise<SignIn> {
    const now = this.#clock.now();
    const verdict = await this.#limits.allows(username, ip, now);
    if (!verdict.ok) return { ok: false, reason: 'rate_limited', why: verdict.why };
    const user = await this.#auth.findUserByName(username);
    // Verify against a dummy hash for unknown users too, so timing does not tell who exists.
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid || user.disabled) {
      await this.#limits.failed(username, ip, now);
      return { ok: false, reason: 'invalid' };
    }
    await this.#limits.succeeded(username, ip, now);
    const token = newSecret();
    await this.#auth.createSession({ tokenHash: sha256(token), userId: user.id, kioskId: null, createdAt: now, lastSeenAt: now });
    const principal = await this.resolve(token);
    return principal ? { ok: true, principal, token } : { ok: false, reason: 'invalid' };
  }

  async signInKiosk(deviceToken: string): Promise<{ principal: Principal; token: string } | null> {
    const now = this.#clock.now();
    const kiosk = await this.#auth.claimKioskEnrolment(sha256(deviceToken), now);
    if (!kiosk) return null;
    const token = newSecret();
    await this.#auth.createSession({ tokenHash: sha256(token), userId: null, kioskId: kiosk.id, createdAt: now, lastSeenAt: now });
    const principal = await this.resolve(token);
    return principal ? { principal, token } : null;
  }

  /** The principal behind a cookie token, or null if it is unknown, expired, disabled or revoked. */
  async resolve(token: string | undefined, touch = true): Promise<Principal | null> {
    return token ? this.resolveHash(sha256(token), touch) : null;
  }

  /** As resolve, by the stored hash. */
  async resolveHash(hash: string, touch = false): Promise<Principal | null> {
    return (await this.resolveHashes([hash], touch)).get(hash) ?? null;
  }

  /**
   * Many sessions at once, by their stored hashes, in one query: how every open socket is checked
   * again every few seconds without its cookie. A session that has timed out is deleted; one whose
   * user was disabled or whose wall display was revoked resolves to null.
   */
  async resolveHashes(hashes: readonly string[], touch = false): Promise<Map<string, Principal | null>> {
    const owners = await this.#auth.findSessionOwners(hashes);
    const now = this.#clock.now();
    const resolved = new Map<string, Principal | null>();
    for (const hash of hashes) {
      const owner = owners.get(hash);
      const principal = owner && !this.#expired(owner.session, now) ? principalOf(owner, hash) : null;
      resolved.set(hash, principal);
      if (owner && !principal && this.#expired(owner.session, now)) await this.#auth.deleteSession(hash);
      // Writing on every request would make reads write; a minute's precision is plenty.
      if (principal && touch && now - owner!.session.lastSeenAt > 60_000) await this.#auth.touchSession(hash, now);
    }
    return resolved;
  }

  /** Walls run all day unattended: no idle timeout for them, but they can be revoked at any time. */
  #expired(session: SessionRecord, now: number): boolean {
    const idleLimit = session.kioskId !== null ? Infinity : this.#settings.idleMs;
    return now - session.lastSeenAt > idleLimit || (session.userId !== null && now - session.createdAt > this.#settings.absoluteMs);
  }

  async signOut(token: string): Promise<void> {
    await this.#auth.deleteSession(sha256(token));
  }

  async signOutEverywhere(principal: Principal): Promise<void> {
    await this.#auth.deleteSessionsOf(principal.kind === 'user' ? { userId: principal.id } : { kioskId: principal.id });
  }

  me(principal: Principal): Me {
    const absolute = principal.kind === 'user' ? principal.createdAt + this.#settings.absoluteMs : Number.MAX_SAFE_INTEGER;
    return {
      kind: principal.kind,
      name: principal.name,
      role: principal.role,
      regions: principal.regions,
      callSign: principal.callSign,
      idleTimeoutMs: this.#settings.idleMs,
      expiresAt: absolute,
    };
  }

}

/** Who a live session speaks for: an enabled user or an unrevoked wall display; null otherwise. */
function principalOf({ session, user, kiosk }: SessionOwner, sessionHash: string): Principal | null {
  const createdAt = session.createdAt;
  if (user) {
    if (user.disabled) return null;
    const callSign = user.role === 'officer' ? user.callSign : null;
    return { kind: 'user', id: user.id, name: user.username, role: user.role, regions: user.regions, callSign, version: user.version, sessionHash, createdAt };
  }
  if (kiosk) return kiosk.revoked ? null : { kind: 'kiosk', id: kiosk.id, name: kiosk.name, role: 'wall', regions: kiosk.regions, callSign: null, version: 1, sessionHash, createdAt };
  return null;
}

/** A real scrypt hash of a random password nobody knows. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$w2uQ3O4Q1r0j8d5q0x8tN7fFz4m1Zr9c5e6h7k8l9mA';
