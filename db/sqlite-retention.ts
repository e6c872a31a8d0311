import type Database from 'better-sqlite3';
import { alertIdWith, CUSTODY_REF_COLUMNS, jsonWithPseudonym, newestSeq, PSEUDONYM_PREFIX, readModelSet, type PseudonymisedCounts } from './retention.js';

/**
 * Replaces the custody references of cases whose last fact happened before `cutoff` (epoch ms),
 * in one transaction: the log (the reference column and the fact's JSON), alert acknowledgements
 * that name those cases, every read-model column listed in CUSTODY_REF_COLUMNS, and checkpoints that
 * could hold them. Set-based, through a temporary map that is dropped before the commit.
 */
export function pseudonymiseSqlite(sqlite: Database.Database, cutoff: number, pseudonym: () => string): PseudonymisedCounts {
  return sqlite.transaction((): PseudonymisedCounts => {
    const due = sqlite
      .prepare(
        `SELECT custody_ref AS ref, max(seq) AS lastSeq FROM events
         WHERE custody_ref IS NOT NULL AND custody_ref NOT LIKE '${PSEUDONYM_PREFIX}%'
         GROUP BY custody_ref HAVING max(at) < ?`,
      )
      .all(cutoff) as { ref: string; lastSeq: number }[];
    const counts: PseudonymisedCounts = { cases: due.length, events: 0, alertAcknowledgements: 0, readModels: {}, checkpointsDeleted: 0 };
    if (due.length === 0) return counts;
    const map = new Map(due.map((d) => [d.ref, pseudonym()]));
    sqlite.exec('CREATE TEMP TABLE retention_map (ref TEXT PRIMARY KEY, pseudonym TEXT NOT NULL)');
    try {
      const insert = sqlite.prepare('INSERT INTO retention_map (ref, pseudonym) VALUES (?, ?)');
      for (const [ref, p] of map) insert.run(ref, p);
      counts.events = sqlite
        .prepare(
          `UPDATE events SET custody_ref = m.pseudonym,
             data = ${jsonWithPseudonym('data')}
           FROM retention_map m WHERE events.custody_ref = m.ref`,
        )
        .run().changes;
      const missed = sqlite
        .prepare(`SELECT count(*) AS n FROM events e JOIN retention_map m ON e.custody_ref = m.pseudonym WHERE instr(e.data, '"custodyRef":"' || m.pseudonym || '"') = 0`)
        .get() as { n: number };
      if (missed.n > 0) throw new Error(`retention: ${missed.n} facts did not name their case as expected; nothing was changed`);
      const acks = sqlite.prepare(`SELECT seq, data FROM events WHERE type = 'alert.acknowledged'`).all() as { seq: number; data: string }[];
      const updateData = sqlite.prepare('UPDATE events SET data = ? WHERE seq = ?');
      for (const ack of acks) {
        const data = alertIdWith(ack.data, (ref) => map.get(ref));
        if (data) counts.alertAcknowledgements += updateData.run(data, ack.seq).changes;
      }
      for (const target of CUSTODY_REF_COLUMNS) {
        const { table, column } = target;
        counts.readModels[table] = sqlite
          .prepare(`UPDATE "${table}" SET ${readModelSet(target)} FROM retention_map m WHERE "${table}"."${column}" = m.ref`)
          .run().changes;
      }
      counts.checkpointsDeleted = sqlite.prepare('DELETE FROM checkpoints WHERE seq < ?').run(newestSeq(due)).changes;
    } finally {
      sqlite.exec('DROP TABLE retention_map');
    }
    return counts;
  })();
}
