import { createHash } from 'node:crypto';
import type { AuditEntry, AuditInput } from './auth-store.js';

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);

/** One entry's hash: the previous hash and the entry's fields, in a fixed order. */
export function auditHash(prevHash: string, e: AuditInput): string {
  const body = JSON.stringify([e.at, e.actor, e.role, e.action, e.subject, e.detail, e.ip]);
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Checks a chain a page at a time, in order, for chains too long to hold in memory. */
export class ChainVerifier {
  #prev = GENESIS;
  #checked = 0;
  #brokenAt: number | null = null;

  add(entries: readonly AuditEntry[]): void {
    this.#checked += entries.length;
    if (this.#brokenAt !== null) return;
    for (const e of entries) {
      if (e.prevHash !== this.#prev || auditHash(this.#prev, e) !== e.hash) {
        this.#brokenAt = e.id;
        return;
      }
      this.#prev = e.hash;
    }
  }

  /** The first entry whose hash or link does not match (null when the whole chain holds), and how many were given. */
  get result(): { brokenAt: number | null; checked: number } {
    return { brokenAt: this.#brokenAt, checked: this.#checked };
  }

  /** The hash of the last entry that verified. */
  get lastHash(): string {
    return this.#prev;
  }
}

/** The first entry whose hash or link does not match, or null when the whole chain holds. */
export function verifyChain(entries: readonly AuditEntry[]): { brokenAt: number | null; checked: number } {
  const verifier = new ChainVerifier();
  verifier.add(entries);
  return verifier.result;
}
