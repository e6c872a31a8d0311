import { and, asc, count, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { auditHash, GENESIS } from './audit-chain.js';
import { auditWhere, entry, key, kiosk, OWNERS_PER_QUERY, securityEntry, user } from './auth-rows.js';
import type { AuditFilter, AuditInput, AuthStore, NewUser, SessionOwner, SessionRecord, UserChange } from './auth-store.js';
import { inTransaction, plain, type PgDb } from './pg-connection.js';
import { PG_LOCK } from './pg-locks.js';
import * as schema from './pg-schema.js';

/**
 * The PostgreSQL AuthStore, shared by every node: users, sessions, kiosks, keys and one audit
 * chain. Appends to the chain from all nodes take one advisory lock around reading the last hash
 * and inserting, so the chain never forks.
 */
export class PgAuthStore implements AuthStore {
  readonly #pool: pg.Pool;
  readonly #db: PgDb;

  /** On the pool of a PgStore (its authStore()), which owns and ends it. */
  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#db = drizzle({ client: pool, schema });
  }

  async countUsers() {
    const [row] = await plain(this.#db.select({ n: count() }).from(schema.users));
    return row?.n ?? 0;
  }
  async createUser(u: NewUser) {
    const [row] = await plain(this.#db.insert(schema.users).values({ ...u, regions: JSON.stringify(u.regions) }).returning());
    return user(row!);
  }
  async findUserByName(username: string) {
    const [row] = await plain(this.#db.select().from(schema.users).where(eq(schema.users.username, username)));
    return row ? user(row) : null;
  }
  async findUserByCallSign(callSign: string) {
    const [row] = await plain(this.#db.select().from(schema.users).where(eq(schema.users.callSign, callSign)));
    return row ? user(row) : null;
  }
  async findUser(id: number) {
    const [row] = await plain(this.#db.select().from(schema.users).where(eq(schema.users.id, id)));
    return row ? user(row) : null;
  }
  async listUsers() {
    return (await plain(this.#db.select().from(schema.users).orderBy(asc(schema.users.username)))).map(user);
  }
  async updateUser(id: number, change: UserChange) {
    const { regions, ...rest } = change;
    const [row] = await plain(
      this.#db
        .update(schema.users)
        .set({ ...rest, ...(regions ? { regions: JSON.stringify(regions) } : {}), version: sql`${schema.users.version} + 1` })
        .where(eq(schema.users.id, id))
        .returning(),
    );
    return row ? user(row) : null;
  }

  async createSession(s: SessionRecord) {
    await plain(this.#db.insert(schema.sessions).values(s));
  }
  async findSession(tokenHash: string) {
    const [row] = await plain(this.#db.select().from(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash)));
    return row ?? null;
  }
  async findSessionOwners(tokenHashes: readonly string[]) {
    const owners = new Map<string, SessionOwner>();
    for (let i = 0; i < tokenHashes.length; i += OWNERS_PER_QUERY) {
      const rows = await plain(
        this.#db
          .select({ session: schema.sessions, user: schema.users, kiosk: schema.kiosks })
          .from(schema.sessions)
          .leftJoin(schema.users, eq(schema.sessions.userId, schema.users.id))
          .leftJoin(schema.kiosks, eq(schema.sessions.kioskId, schema.kiosks.id))
          .where(inArray(schema.sessions.tokenHash, tokenHashes.slice(i, i + OWNERS_PER_QUERY))),
      );
      for (const r of rows) owners.set(r.session.tokenHash, { session: r.session, user: r.user ? user(r.user) : null, kiosk: r.kiosk ? kiosk(r.kiosk) : null });
    }
    return owners;
  }
  async touchSession(tokenHash: string, at: number) {
    await plain(this.#db.update(schema.sessions).set({ lastSeenAt: at }).where(eq(schema.sessions.tokenHash, tokenHash)));
  }
  async deleteSession(tokenHash: string) {
    await plain(this.#db.delete(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash)));
  }
  async deleteSessionsOf(owner: { userId: number } | { kioskId: number }) {
    const where = 'userId' in owner ? eq(schema.sessions.userId, owner.userId) : eq(schema.sessions.kioskId, owner.kioskId);
    await plain(this.#db.delete(schema.sessions).where(where));
  }

  async createKiosk(k: { name: string; regions: string[]; tokenHash: string; createdAt: number; enrolExpiresAt: number }) {
    const [row] = await plain(this.#db.insert(schema.kiosks).values({ ...k, regions: JSON.stringify(k.regions) }).returning());
    return kiosk(row!);
  }
  async claimKioskEnrolment(tokenHash: string, now: number) {
    const k = schema.kiosks;
    const [row] = await plain(
      this.#db
        .update(k)
        .set({ enrolledAt: now })
        .where(and(eq(k.tokenHash, tokenHash), isNull(k.enrolledAt), eq(k.revoked, false), gt(k.enrolExpiresAt, now)))
        .returning(),
    );
    return row ? kiosk(row) : null;
  }
  async renewKioskEnrolment(id: number, tokenHash: string, enrolExpiresAt: number) {
    const k = schema.kiosks;
    const [row] = await plain(this.#db.update(k).set({ tokenHash, enrolExpiresAt, enrolledAt: null }).where(and(eq(k.id, id), eq(k.revoked, false))).returning());
    return row ? kiosk(row) : null;
  }
  async findKiosk(id: number) {
    const [row] = await plain(this.#db.select().from(schema.kiosks).where(eq(schema.kiosks.id, id)));
    return row ? kiosk(row) : null;
  }
  async listKiosks() {
    return (await plain(this.#db.select().from(schema.kiosks).orderBy(asc(schema.kiosks.id)))).map(kiosk);
  }
  async revokeKiosk(id: number) {
    const changed = await plain(this.#db.update(schema.kiosks).set({ revoked: true }).where(eq(schema.kiosks.id, id)).returning({ id: schema.kiosks.id }));
    return changed.length > 0;
  }

  async createIngestKey(k: { source: string; region: string | null; keyHash: string; createdAt: number }) {
    const [row] = await plain(this.#db.insert(schema.ingestKeys).values(k).returning());
    return key(row!);
  }
  async findIngestKey(keyHash: string) {
    const [row] = await plain(this.#db.select().from(schema.ingestKeys).where(eq(schema.ingestKeys.keyHash, keyHash)));
    return row ? key(row) : null;
  }
  async listIngestKeys() {
    return (await plain(this.#db.select().from(schema.ingestKeys).orderBy(asc(schema.ingestKeys.id)))).map(key);
  }
  async revokeIngestKey(id: number) {
    const changed = await plain(
      this.#db.update(schema.ingestKeys).set({ revoked: true }).where(eq(schema.ingestKeys.id, id)).returning({ id: schema.ingestKeys.id }),
    );
    return changed.length > 0;
  }

  async appendAudit(input: AuditInput) {
    return inTransaction(this.#pool, async (tx) => {
      // Held until commit: the next entry, from any node, links to this one.
      await tx.execute(sql`select pg_advisory_xact_lock(${PG_LOCK.audit}::bigint)`);
      const [last] = await tx.select({ hash: schema.audit.hash }).from(schema.audit).orderBy(desc(schema.audit.id)).limit(1);
      const prevHash = last?.hash ?? GENESIS;
      const hash = auditHash(prevHash, input);
      const [row] = await tx.insert(schema.audit).values({ ...input, detail: JSON.stringify(input.detail), prevHash, hash }).returning();
      return entry(row!);
    });
  }
  async listAudit(f: AuditFilter) {
    const rows = await plain(this.#db.select().from(schema.audit).where(auditWhere(f, schema.audit)).orderBy(desc(schema.audit.id)).limit(f.limit));
    return rows.map(entry);
  }
  async allAudit() {
    return (await plain(this.#db.select().from(schema.audit).orderBy(asc(schema.audit.id)))).map(entry);
  }
  async appendSecurity(kind: string, ip: string | null, detail: Record<string, unknown>) {
    await plain(this.#db.insert(schema.securityLog).values({ at: new Date().toISOString(), kind, ip, detail: JSON.stringify(detail) }));
  }
  async listSecurity(limit: number) {
    const rows = await plain(this.#db.select().from(schema.securityLog).orderBy(desc(schema.securityLog.id)).limit(limit));
    return rows.map(securityEntry);
  }
}
