import { and, eq, gte, lte, type Column, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditFilter, IngestKeyRecord, KioskRecord, UserRecord } from './auth-store.js';
import type * as schema from './schema.js';

/**
 * Rows of the auth tables to records, the same for SQLite and PostgreSQL: db/pg-schema.ts gives
 * every column the TypeScript type db/schema.ts does.
 */
type UserRow = typeof schema.users.$inferSelect;
type KioskRow = typeof schema.kiosks.$inferSelect;
type KeyRow = typeof schema.ingestKeys.$inferSelect;
type AuditRow = typeof schema.audit.$inferSelect;

/** Session hashes per lookup: well inside both databases' limits on bound parameters. */
export const OWNERS_PER_QUERY = 500;

export const user = (r: UserRow): UserRecord => ({ ...r, regions: JSON.parse(r.regions) as string[] });
/** No secret hashes leave the store. */
export const kiosk = ({ tokenHash: _t, ...r }: KioskRow): KioskRecord => ({ ...r, regions: JSON.parse(r.regions) as string[] });
export const key = ({ keyHash: _k, ...r }: KeyRow): IngestKeyRecord => r;
export const entry = (r: AuditRow): AuditEntry => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> });
export const securityEntry = <R extends { detail: string }>(r: R) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> });

/** The audit filter as one condition over either dialect's audit table. */
export function auditWhere(f: AuditFilter, t: { actor: Column; action: Column; at: Column }): SQL | undefined {
  const conditions: SQL[] = [];
  if (f.actor) conditions.push(eq(t.actor, f.actor));
  if (f.action) conditions.push(eq(t.action, f.action));
  if (f.from) conditions.push(gte(t.at, f.from));
  if (f.to) conditions.push(lte(t.at, f.to));
  return and(...conditions);
}
