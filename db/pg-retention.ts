import type pg from 'pg';
import { PG_LOCK } from './pg-locks.js';
import { alertIdWith, CUSTODY_REF_COLUMNS, jsonWithPseudonym, newestSeq, PSEUDONYM_PREFIX, readModelSet, type PseudonymisedCounts } from './retention.js';

const CHUNK = 10_000;

/**
 * pseudonymiseSqlite's twin on PostgreSQL (db/sqlite-retention.ts), in one transaction on one
 * pooled connection, under an advisory lock so two runs (the leader's and an operator's) never
 * overlap. Appends go on meanwhile: they add rows, and this changes only rows of old cases.
 */
export async function pseudonymisePg(pool: pg.Pool, cutoff: number, pseudonym: () => string): Promise<PseudonymisedCounts> {
  const client = await pool.connect();
  let ok = false;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [PG_LOCK.retention]);
    const due = (
      await client.query<{ ref: string; lastSeq: string }>(
        `SELECT custody_ref AS ref, max(seq) AS "lastSeq" FROM events
         WHERE custody_ref IS NOT NULL AND custody_ref NOT LIKE '${PSEUDONYM_PREFIX}%'
         GROUP BY custody_ref HAVING max(at) < $1`,
        [cutoff],
      )
    ).rows;
    const counts: PseudonymisedCounts = { cases: due.length, events: 0, alertAcknowledgements: 0, readModels: {}, checkpointsDeleted: 0 };
    if (due.length > 0) {
      const map = new Map(due.map((d) => [d.ref, pseudonym()]));
      await client.query('CREATE TEMP TABLE retention_map (ref text PRIMARY KEY, pseudonym text NOT NULL) ON COMMIT DROP');
      const pairs = [...map];
      for (let i = 0; i < pairs.length; i += CHUNK) {
        const chunk = pairs.slice(i, i + CHUNK);
        await client.query('INSERT INTO retention_map (ref, pseudonym) SELECT * FROM unnest($1::text[], $2::text[])', [chunk.map((p) => p[0]), chunk.map((p) => p[1])]);
      }
      counts.events =
        (
          await client.query(
            `UPDATE events SET custody_ref = m.pseudonym,
               data = ${jsonWithPseudonym('data')}
             FROM retention_map m WHERE events.custody_ref = m.ref`,
          )
        ).rowCount ?? 0;
      const missed = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM events e JOIN retention_map m ON e.custody_ref = m.pseudonym WHERE strpos(e.data, '"custodyRef":"' || m.pseudonym || '"') = 0`,
      );
      if (Number(missed.rows[0]!.n) > 0) throw new Error(`retention: ${missed.rows[0]!.n} facts did not name their case as expected; nothing was changed`);
      const acks = (await client.query<{ seq: string; data: string }>(`SELECT seq, data FROM events WHERE type = 'alert.acknowledged'`)).rows;
      for (const ack of acks) {
        const data = alertIdWith(ack.data, (ref) => map.get(ref));
        if (data) counts.alertAcknowledgements += (await client.query('UPDATE events SET data = $1 WHERE seq = $2', [data, ack.seq])).rowCount ?? 0;
      }
      for (const target of CUSTODY_REF_COLUMNS) {
        const { table, column } = target;
        const result = await client.query(`UPDATE "${table}" SET ${readModelSet(target)} FROM retention_map m WHERE "${table}"."${column}" = m.ref`);
        counts.readModels[table] = result.rowCount ?? 0;
      }
      counts.checkpointsDeleted = (await client.query('DELETE FROM checkpoints WHERE seq < $1', [newestSeq(due)])).rowCount ?? 0;
    }
    await client.query('COMMIT');
    ok = true;
    return counts;
  } finally {
    if (!ok) await client.query('ROLLBACK').catch(() => {});
    client.release(!ok);
  }
}
