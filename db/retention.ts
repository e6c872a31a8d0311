import { randomBytes } from 'node:crypto';

/**
 * Retention (Data Protection Act 2018 Part 3, s.39: kept no longer than necessary): custody
 * references of cases whose last fact is older than the retention period are replaced, in the log
 * and in every table that holds them, by pseudonyms that cannot be turned back. One run maps each
 * reference to one pseudonym, so a case's timeline stays joined; the map is never stored.
 */

/** Every pseudonym starts so: a custody reference (protocol/ids.ts) can still hold it, and a run skips it. */
export const PSEUDONYM_PREFIX = 'PSN-';

/** 100 random bits as 20 base-32 characters: no key, nothing to reverse, collisions negligible. */
export function newPseudonym(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(20);
  let out = PSEUDONYM_PREFIX;
  for (const b of bytes) out += alphabet[b & 31];
  return out;
}

/**
 * Tables besides the log that hold custody references: each is rewritten in the same transaction
 * as the log: `column` holds the reference itself, `json` (if any) JSON text naming it as
 * `"custodyRef"`. A read model that keeps a reference adds its table here.
 */
export const CUSTODY_REF_COLUMNS: readonly { table: string; column: string; json?: string }[] = [
  // The reports' read model (db/case-records.ts): the reference, and the whole case as JSON.
  { table: 'case_states', column: 'custody_ref', json: 'case_json' },
];

/** SQL (SQLite and PostgreSQL alike) for `json`'s text with the reference in map row `m` replaced. */
export const jsonWithPseudonym = (json: string) => `replace("${json}", '"custodyRef":"' || m.ref || '"', '"custodyRef":"' || m.pseudonym || '"')`;

/** The SET list rewriting one read-model table's references from the map `m`. */
export const readModelSet = ({ column, json }: { column: string; json?: string }) =>
  `"${column}" = m.pseudonym` + (json ? `, "${json}" = ${jsonWithPseudonym(json)}` : '');

export interface PseudonymisedCounts {
  /** Cases whose reference was replaced. */
  cases: number;
  /** Log rows rewritten (facts about those cases). */
  events: number;
  /** Alert acknowledgements whose alert named one of those cases. */
  alertAcknowledgements: number;
  /** Rows rewritten per read-model table. */
  readModels: Record<string, number>;
  /** Checkpoints older than the newest rewritten fact, deleted (they could hold a reference). */
  checkpointsDeleted: number;
}

/** The newest fact about any of the cases: a checkpoint before it may hold their references. */
export const newestSeq = (due: readonly { lastSeq: number | string }[]) => due.reduce((m, d) => Math.max(m, Number(d.lastSeq)), 0);

/** An alert id names its case after the kind: `pace_running_out:01MP/0001/26`. */
export function alertIdWith(data: string, pseudonymOf: (ref: string) => string | undefined): string | null {
  const parsed = JSON.parse(data) as { alertId?: unknown };
  if (typeof parsed.alertId !== 'string') return null;
  const colon = parsed.alertId.indexOf(':');
  const pseudonym = pseudonymOf(parsed.alertId.slice(colon + 1));
  return pseudonym ? JSON.stringify({ ...parsed, alertId: `${parsed.alertId.slice(0, colon)}:${pseudonym}` }) : null;
}
