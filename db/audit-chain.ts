import { createHash } from 'node:crypto';
import type { AuditEntry, AuditInput } from './auth-store.js';

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);

/** One entry's hash: the previous hash and the entry's fields, in a fixed order. */
export function auditHash(prevHash: string, e: AuditInput): string {
  const body = JSON.stringify([e.at, e.actor, e.role, e.action, e.subject, e.detail, e.ip]);
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** The first entry whose hash or link does not match, or null when the whole chain holds. */
export function verifyChain(entries: readonly AuditEntry[]): { brokenAt: number | null; checked: number } {
  let prev = GENESIS;
  for (const e of entries) {
    if (e.prevHash !== prev || auditHash(prev, e) !== e.hash) return { brokenAt: e.id, checked: entries.length };
    prev = e.hash;
  }
  return { brokenAt: null, checked: entries.length };
}
