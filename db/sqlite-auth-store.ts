import type Database from 'better-sqlite3';
import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { auditHash, GENESIS } from './audit-chain.js';
import { auditWhere, entry, key, kiosk, securityEntry, user } from './auth-rows.js';
import { OWNERS_PER_QUERY } from './auth-rows.js';
import type { AuditFilter, AuditInput, AuthStore, NewUser, SessionOwner, SessionRecord, UserChange } from './auth-store.js';
import * as schema from './schema.js';

/** The SQLite AuthStore, on the same database file as the event log. */
export class SqliteAuthStore implements AuthStore {
  readonly #sqlite: Database.Database;
  readonly #db: BetterSQLite3Database<typeof schema>;

  constructor(sqlite: Database.Database) {
    this.#sqlite = sqlite;
    this.#db = drizzle({ client: sqlite, schema });
  }

  async countUsers() {
    return this.#db.select().from(schema.users).all().length;
  }
  async createUser(u: NewUser) {
    const row = this.#db.insert(schema.users).values({ ...u, regions: JSON.stringify(u.regions) }).returning().get();
    return user(row);
  }
  async findUserByName(username: string) {
    const row = this.#db.select().from(schema.users).where(eq(schema.users.username, username)).get();
    return row ? user(row) : null;
  }
  async findUserByCallSign(callSign: string) {
    const row = this.#db.select().from(schema.users).where(eq(schema.users.callSign, callSign)).get();
    return row ? user(row) : null;
  }
  async findUser(id: number) {
    const row = this.#db.select().from(schema.users).where(eq(schema.users.id, id)).get();
    return row ? user(row) : null;
  }
  async listUsers() {
    return this.#db.select().from(schema.users).orderBy(asc(schema.users.username)).all().map(user);
  }
  async updateUser(id: number, change: UserChange) {
    const current = await this.findUser(id);
    if (!current) return null;
    const { regions, ...rest } = change;
    const row = this.#db
      .update(schema.users)
      .set({ ...rest, ...(regions ? { regions: JSON.stringify(regions) } : {}), version: current.version + 1 })
      .where(eq(schema.users.id, id))
      .returning()
      .get();
    return user(row);
  }

  async createSession(s: SessionRecord) {
    this.#db.insert(schema.sessions).values(s).run();
  }
  async findSession(tokenHash: string) {
    return this.#db.select().from(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash)).get() ?? null;
  }
  async findSessionOwners(tokenHashes: readonly string[]) {
    const owners = new Map<string, SessionOwner>();
    for (let i = 0; i < tokenHashes.length; i += OWNERS_PER_QUERY) {
      const rows = this.#db
        .select({ session: schema.sessions, user: schema.users, kiosk: schema.kiosks })
        .from(schema.sessions)
        .leftJoin(schema.users, eq(schema.sessions.userId, schema.users.id))
        .leftJoin(schema.kiosks, eq(schema.sessions.kioskId, schema.kiosks.id))
        .where(inArray(schema.sessions.tokenHash, tokenHashes.slice(i, i + OWNERS_PER_QUERY)))
        .all();
      for (const r of rows) owners.set(r.session.tokenHash, { session: r.session, user: r.user ? user(r.user) : null, kiosk: r.kiosk ? kiosk(r.kiosk) : null });
    }
    return owners;
  }
  async touchSession(tokenHash: string, at: number) {
    this.#db.update(schema.sessions).set({ lastSeenAt: at }).where(eq(schema.sessions.tokenHash, tokenHash)).run();
  }
  async deleteSession(tokenHash: string) {
    this.#db.delete(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash)).run();
  }
  async deleteSessionsOf(owner: { userId: number } | { kioskId: number }) {
    const where = 'userId' in owner ? eq(schema.sessions.userId, owner.userId) : eq(schema.sessions.kioskId, owner.kioskId);
    this.#db.delete(schema.sessions).where(where).run();
  }

  async createKiosk(k: { name: string; regions: string[]; tokenHash: string; createdAt: number; enrolExpiresAt: number }) {
    return kiosk(this.#db.insert(schema.kiosks).values({ ...k, regions: JSON.stringify(k.regions) }).returning().get());
  }
  async claimKioskEnrolment(tokenHash: string, now: number) {
    const k = schema.kiosks;
    const row = this.#db
      .update(k)
      .set({ enrolledAt: now })
      .where(and(eq(k.tokenHash, tokenHash), isNull(k.enrolledAt), eq(k.revoked, false), gt(k.enrolExpiresAt, now)))
      .returning()
      .get();
    return row ? kiosk(row) : null;
  }
  async renewKioskEnrolment(id: number, tokenHash: string, enrolExpiresAt: number) {
    const row = this.#db
      .update(schema.kiosks)
      .set({ tokenHash, enrolExpiresAt, enrolledAt: null })
      .where(and(eq(schema.kiosks.id, id), eq(schema.kiosks.revoked, false)))
      .returning()
      .get();
    return row ? kiosk(row) : null;
  }
  async findKiosk(id: number) {
    const row = this.#db.select().from(schema.kiosks).where(eq(schema.kiosks.id, id)).get();
    return row ? kiosk(row) : null;
  }
  async listKiosks() {
    return this.#db.select().from(schema.kiosks).orderBy(asc(schema.kiosks.id)).all().map(kiosk);
  }
  async revokeKiosk(id: number) {
    return this.#db.update(schema.kiosks).set({ revoked: true }).where(eq(schema.kiosks.id, id)).run().changes > 0;
  }

  async createIngestKey(k: { source: string; region: string | null; keyHash: string; createdAt: number }) {
    return key(this.#db.insert(schema.ingestKeys).values(k).returning().get());
  }
  async findIngestKey(keyHash: string) {
    const row = this.#db.select().from(schema.ingestKeys).where(eq(schema.ingestKeys.keyHash, keyHash)).get();
    return row ? key(row) : null;
  }
  async listIngestKeys() {
    return this.#db.select().from(schema.ingestKeys).orderBy(asc(schema.ingestKeys.id)).all().map(key);
  }
  async revokeIngestKey(id: number) {
    return this.#db.update(schema.ingestKeys).set({ revoked: true }).where(eq(schema.ingestKeys.id, id)).run().changes > 0;
  }

  async appendAudit(input: AuditInput) {
    return this.#sqlite.transaction(() => {
      const last = this.#db.select({ hash: schema.audit.hash }).from(schema.audit).orderBy(desc(schema.audit.id)).limit(1).get();
      const prevHash = last?.hash ?? GENESIS;
      const hash = auditHash(prevHash, input);
      const row = this.#db.insert(schema.audit).values({ ...input, detail: JSON.stringify(input.detail), prevHash, hash }).returning().get();
      return entry(row);
    })();
  }
  async listAudit(f: AuditFilter) {
    return this.#db.select().from(schema.audit).where(auditWhere(f, schema.audit)).orderBy(desc(schema.audit.id)).limit(f.limit).all().map(entry);
  }
  async allAudit() {
    return this.#db.select().from(schema.audit).orderBy(asc(schema.audit.id)).all().map(entry);
  }
  async appendSecurity(kind: string, ip: string | null, detail: Record<string, unknown>) {
    this.#db.insert(schema.securityLog).values({ at: new Date().toISOString(), kind, ip, detail: JSON.stringify(detail) }).run();
  }
  async listSecurity(limit: number) {
    return this.#db
      .select()
      .from(schema.securityLog)
      .orderBy(desc(schema.securityLog.id))
      .limit(limit)
      .all()
      .map(securityEntry);
  }
}
