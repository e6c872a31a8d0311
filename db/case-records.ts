import { getTableColumns, getTableName, sql, type SQL, type Table } from 'drizzle-orm';
import type { CaseRecord } from '../server/domain/index.js';

/** The read model's name in `read_model_positions`. */
export const CASE_STATES = 'case_states';

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

interface Upsert {
  /** The columns, in the order the statement lists them. */
  columns: { field: keyof CaseRecord; name: string; sqlType: string; toDriver: (value: unknown) => unknown }[];
  /** `INSERT INTO "case_states" ("custody_ref", …)`. */
  insert: string;
  /**
   * Every column from the new row, unless the stored row was folded from a later position (a
   * backfill racing a live append, or two nodes' backfills) — so the row only ever moves forward
   * in the log, whoever writes it and in whatever order.
   */
  onConflict: string;
}

function upsertOf(table: Table): Upsert {
  const q = (id: string) => `"${id}"`;
  const name = getTableName(table);
  const columns = Object.entries(getTableColumns(table)).map(([field, c]) => ({
    field: field as keyof CaseRecord,
    name: c.name,
    sqlType: c.getSQLType(),
    toDriver: (value: unknown) => (value === null ? null : c.mapToDriverValue(value)),
  }));
  const key = columns.find((c) => c.field === 'custodyRef')!.name;
  const set = columns.filter((c) => c.name !== key).map((c) => `${q(c.name)} = excluded.${q(c.name)}`);
  return {
    columns,
    insert: `INSERT INTO ${q(name)} (${columns.map((c) => q(c.name)).join(', ')})`,
    onConflict: `ON CONFLICT (${q(key)}) DO UPDATE SET ${set.join(', ')} WHERE ${q(name)}."as_of_seq" <= excluded."as_of_seq"`,
  };
}

/**
 * The upsert of one record as SQL text to prepare once (SQLite), and each record's parameters in
 * its column order: the append's hot path builds no query per write.
 */
export function preparedUpsertOf(table: Table): { sql: string; params: (record: CaseRecord) => unknown[] } {
  const { columns, insert, onConflict } = upsertOf(table);
  return {
    sql: `${insert} VALUES (${columns.map(() => '?').join(', ')}) ${onConflict}`,
    params: (record) => columns.map((c) => c.toDriver(record[c.field])),
  };
}

/**
 * The same upsert for any number of records as one statement of a fixed shape (PostgreSQL): each
 * column travels as one array parameter and `unnest` turns them back into rows, so nothing is
 * built per row and no statement meets the parameter limit.
 */
export function unnestUpsertOf(table: Table): (records: readonly CaseRecord[]) => SQL {
  const { columns, insert, onConflict } = upsertOf(table);
  return (records) => {
    const arrays = columns.map((c) => sql`${sql.param(records.map((r) => c.toDriver(r[c.field])))}::${sql.raw(c.sqlType)}[]`);
    return sql`${sql.raw(`${insert} SELECT * FROM unnest(`)}${sql.join(arrays, sql`, `)}${sql.raw(`) ${onConflict}`)}`;
  };
}

/** Every column of the read model but the case's JSON: an export's select. */
export function columnsWithoutCase<T extends Parameters<typeof getTableColumns>[0]>(table: T): Omit<ReturnType<typeof getTableColumns<T>>, 'caseJson'> {
  const { caseJson: _json, ...rest } = getTableColumns(table) as Record<string, unknown>;
  return rest as Omit<ReturnType<typeof getTableColumns<T>>, 'caseJson'>;
}
