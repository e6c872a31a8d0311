import { getTableColumns, getTableName, sql, type SQL, type Table } from 'drizzle-orm';
import type { CaseRecord } from '../server/domain/index.js';

/** The read model's name in `read_model_positions`. */
export const CASE_STATES = 'case_states';

/** Rows a statement carries: 28 parameters a row stays under both databases' limits. */
export const RECORDS_PER_INSERT = 1_000;

/**
 * One record per custody reference, the latest (by log position) winning: a multi-row upsert may
 * not touch one row twice.
 */
export function latestPerRef(records: readonly CaseRecord[]): CaseRecord[] {
  const latest = new Map<string, CaseRecord>();
  for (const r of records) {
    const had = latest.get(r.custodyRef);
    if (!had || had.asOfSeq <= r.asOfSeq) latest.set(r.custodyRef, r);
  }
  return [...latest.values()];
}

/**
 * The upsert of a record: every column from the new row, unless the stored row was folded from a
 * later position (a backfill racing a live append, or two nodes' backfills) — so the row only ever
 * moves forward in the log, whoever writes it and in whatever order.
 */
export function upsertOfRecords<T extends Parameters<typeof getTableColumns>[0]>(table: T, asOfSeq: SQL | unknown): { set: Record<string, SQL>; setWhere: SQL } {
  const set: Record<string, SQL> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (key !== 'custodyRef') set[key] = sql.raw(`excluded."${column.name}"`);
  }
  return { set, setWhere: sql`${asOfSeq} <= excluded."as_of_seq"` };
}

/**
 * The same upsert as `upsertOfRecords`, one row, as SQL text to prepare once, and each record's
 * parameters in its column order: the append's hot path builds no query per write.
 */
export function preparedUpsertOf(table: Table): { sql: string; params: (record: CaseRecord) => unknown[] } {
  const columns = Object.entries(getTableColumns(table));
  const name = getTableName(table);
  const q = (id: string) => `"${id}"`;
  const key = columns.find(([field]) => field === 'custodyRef')![1].name;
  const text =
    `INSERT INTO ${q(name)} (${columns.map(([, c]) => q(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (${q(key)}) DO UPDATE SET ${columns.flatMap(([field, c]) => (field === 'custodyRef' ? [] : [`${q(c.name)} = excluded.${q(c.name)}`])).join(', ')} ` +
    `WHERE ${q(name)}."as_of_seq" <= excluded."as_of_seq"`;
  const fields = columns.map(([field, column]) => ({ field: field as keyof CaseRecord, column }));
  return {
    sql: text,
    params: (record) => fields.map(({ field, column }) => (record[field] === null ? null : column.mapToDriverValue(record[field]))),
  };
}

/** Splits rows into statements of at most `size`. */
export function chunks<T>(rows: readonly T[], size = RECORDS_PER_INSERT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Every column of the read model but the case's JSON: an export's select. */
export function columnsWithoutCase<T extends Parameters<typeof getTableColumns>[0]>(table: T): Omit<ReturnType<typeof getTableColumns<T>>, 'caseJson'> {
  const { caseJson: _json, ...rest } = getTableColumns(table) as Record<string, unknown>;
  return rest as Omit<ReturnType<typeof getTableColumns<T>>, 'caseJson'>;
}
