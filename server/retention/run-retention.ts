import { londonDay, londonMidnight, shiftDay } from '../../protocol/index.js';
import type { AuthStore } from '../../db/auth-store.js';
import { newPseudonym, type PseudonymisedCounts } from '../../db/retention.js';
import type { EventStore } from '../../db/store.js';

/** The least retention allowed: a year of identifiable history, longer than any case stays in live state. */
export const MIN_RETENTION_DAYS = 366;

export interface RetentionRun {
  /** Cases whose last fact was before this London day were pseudonymised. */
  cutoffDay: string;
  retentionDays: number;
  counts: PseudonymisedCounts;
}

/**
 * One retention run: every case whose last fact happened before London midnight `retentionDays`
 * days ago gets a pseudonym in place of its custody reference (db/retention.ts), then the run is
 * written to the audit trail (DPA 2018 s.62): who ran it, when, and how many of each were changed.
 */
export async function runRetention(options: {
  store: EventStore;
  auth: AuthStore;
  now: number;
  retentionDays: number;
  /** Who ran it: an operator's console, or the leader node's daily job. */
  actor: string;
}): Promise<RetentionRun> {
  const { store, auth, now, retentionDays, actor } = options;
  if (retentionDays < MIN_RETENTION_DAYS) throw new Error(`Retention must be at least ${MIN_RETENTION_DAYS} days, not ${retentionDays}.`);
  const cutoffDay = shiftDay(londonDay(now), -retentionDays);
  const counts = await store.pseudonymiseCasesBefore(londonMidnight(cutoffDay), newPseudonym);
  await auth.appendAudit({
    at: new Date(now).toISOString(),
    actor,
    role: 'admin',
    action: 'retention.pseudonymised',
    subject: `cases whose last fact was before ${cutoffDay}`,
    detail: { retentionDays, cutoffDay, ...counts },
    ip: null,
  });
  return { cutoffDay, retentionDays, counts };
}
