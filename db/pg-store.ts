import { and, asc, between, desc, eq, gt, gte, inArray, isNotNull, lt, max, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { LoggedEvent } from '../protocol/index.js';
import { caseOfRecord, type CaseRecord, type CaseState, type OfficerRef, type PeriodCounts, type Reference, type RegisterFilter } from '../server/domain/index.js';
import { createLogger, type Logger } from '../server/log.js';
import { assertConsecutive, decodeCheckpoint, encodeCheckpoint, fromRow, storedSourceEvent, toRow } from './event-rows.js';
import { createPool, inTransaction, plain, type PgDb } from './pg-connection.js';
import { PgAuthStore } from './pg-auth-store.js';
import { pseudonymisePg } from './pg-retention.js';
import type { PseudonymisedCounts } from './retention.js';
import { LOG_CHANNEL, PG_LOCK } from './pg-locks.js';
import * as schema from './pg-schema.js';
import { CASE_STATES, columnsWithoutCase, latestPerRef, unnestUpsertOf } from './case-records.js';
import { periodCounts, type GroupedQuery } from './period-queries.js';
import { SeqConflict, type EventStore, type ReadModelWrites, type RecordCursor, type RecordWithoutCase, type StoredSourceEvent } from './store.js';

/** PostgreSQL takes at most 65,535 parameters a statement: 9 a row. Engine batches are ≤ 500 facts. */
const ROWS_PER_INSERT = 5_000;

export interface PgStoreOptions {
  /** postgres://… of a database migrated by migratePostgres (db/pg-migrate.ts). */
  url: string;
  log?: Logger;
  /** Connections in this store's pool. */
  poolSize?: number;
}

/**
 * The cluster's store: the log in PostgreSQL, shared by every node. Appends from all nodes are
 * serialised by a transaction-scoped advisory lock held until commit, so commits happen in seq
 * order and no reader ever sees seq N+1 before N; each append announces its last seq on the
 * `nexus_log` channel, delivered at commit (db/pg-log-listener.ts hears it).
 */
export class PgStore implements EventStore {
  readonly #pool: pg.Pool;
  readonly #db: PgDb;

  constructor({ url, log = createLogger(), poolSize = 10 }: PgStoreOptions) {
    this.#pool = createPool(url, 'nexus-store', log, poolSize);
    this.#db = drizzle({ client: this.#pool, schema });
  }

  /** Users, sessions, keys and audit, on the same pool (ended by this store's close()). */
  authStore(): PgAuthStore {
    return new PgAuthStore(this.#pool);
  }

  async loadReference(): Promise<Reference | null> {
    const suites = await plain(this.#db.select().from(schema.suites).orderBy(asc(schema.suites.id)));
    if (suites.length === 0) return null;
    const officers: OfficerRef[] = await plain(this.#db.select().from(schema.officers).orderBy(asc(schema.officers.id)));
    return { suites: suites.map(({ source: _source, ...suite }) => suite), officers };
  }

  async saveReference(reference: Reference, sources: ReadonlyMap<string, string>): Promise<void> {
    const suites = reference.suites.map((suite) => ({ ...suite, source: sources.get(suite.id) ?? '' }));
    await inTransaction(this.#pool, async (tx) => {
      if (suites.length) await tx.insert(schema.suites).values(suites).onConflictDoNothing();
      if (reference.officers.length) await tx.insert(schema.officers).values([...reference.officers]).onConflictDoNothing();
    });
  }

  async append(events: readonly LoggedEvent[], readModels?: ReadModelWrites): Promise<void> {
    const first = events[0];
    if (!first) return;
    assertConsecutive(events);
    const rows = events.map(toRow);
    await inTransaction(this.#pool, async (tx) => {
      // Held until commit: the next writer reads the last seq only after this batch is visible.
      await tx.execute(sql`select pg_advisory_xact_lock(${PG_LOCK.append}::bigint)`);
      const actual = await lastSeqIn(tx);
      if (actual !== first.seq - 1) throw new SeqConflict(first.seq - 1, actual);
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        await tx.insert(schema.events).values(rows.slice(i, i + ROWS_PER_INSERT));
      }
      // The read models move with the log, in the same transaction (decision 57).
      if (readModels) await writeReadModelsIn(tx, readModels, first.seq - 1, events.at(-1)!.seq);
      // Delivered to listeners when (and only if) the transaction commits.
      await tx.execute(sql`select pg_notify(${LOG_CHANNEL}, ${String(first.seq + rows.length - 1)})`);
    });
  }

  async readModelPosition(): Promise<number> {
    const [row] = await plain(this.#db.select().from(schema.readModelPositions).where(eq(schema.readModelPositions.name, CASE_STATES)));
    return row?.seq ?? 0;
  }

  async caseRecords(afterRef: string, limit: number): Promise<CaseRecord[]> {
    const t = schema.caseStates;
    return (await plain(this.#db.select().from(t).where(gt(t.custodyRef, afterRef)).orderBy(asc(t.custodyRef)).limit(limit))) as CaseRecord[];
  }

  async periodCounts(from: string, to: string): Promise<PeriodCounts> {
    const t = schema.caseStates;
    return periodCounts(t, from, to, (q: GroupedQuery) => plain(this.#db.select(q.fields as Record<string, never>).from(t).where(q.where).groupBy(...(q.groupBy as never[]))));
  }

  async nonAttendanceCases({ from, to, region, suiteId, reason }: RegisterFilter): Promise<CaseState[]> {
    const t = schema.caseStates;
    const where = and(
      between(t.releaseDay, from, to),
      isNotNull(t.nonAttendanceReason),
      region ? eq(t.region, region) : undefined,
      suiteId ? eq(t.suiteId, suiteId) : undefined,
      reason ? eq(t.nonAttendanceReason, reason) : undefined,
    );
    const rows = await plain(this.#db.select({ caseJson: t.caseJson }).from(t).where(where).orderBy(desc(t.releasedAt), asc(t.custodyRef)));
    return rows.map((r) => caseOfRecord(r.caseJson));
  }

  async caseRecordsArrived(fromAt: number, toAt: number, after: RecordCursor | null, limit: number): Promise<RecordWithoutCase[]> {
    const t = schema.caseStates;
    const where = and(
      gte(t.relevantTime, fromAt),
      lt(t.relevantTime, toAt),
      after ? sql`(${t.relevantTime}, ${t.custodyRef}) > (${after.relevantTime}, ${after.custodyRef})` : undefined,
    );
    return (await plain(this.#db.select(columnsWithoutCase(t)).from(t).where(where).orderBy(asc(t.relevantTime), asc(t.custodyRef)).limit(limit))) as RecordWithoutCase[];
  }

  async writeReadModels(writes: ReadModelWrites, afterSeq: number, toSeq: number): Promise<void> {
    await inTransaction(this.#pool, (tx) => writeReadModelsIn(tx, writes, afterSeq, toSeq));
  }

  async saveCheckpoint(seq: number, createdAt: number, stateJson: string): Promise<void> {
    const state = await encodeCheckpoint(stateJson);
    await inTransaction(this.#pool, async (tx) => {
      await tx.delete(schema.checkpoints);
      await tx.insert(schema.checkpoints).values({ seq, createdAt, state });
    });
  }

  async eventsAfter(seq: number, limit: number): Promise<LoggedEvent[]> {
    const rows = await plain(
      this.#db.select().from(schema.events).where(gt(schema.events.seq, seq)).orderBy(asc(schema.events.seq)).limit(limit),
    );
    return rows.map(fromRow);
  }

  async eventsForCase(custodyRef: string): Promise<LoggedEvent[]> {
    const rows = await plain(
      this.#db
        .select()
        .from(schema.events)
        .where(eq(schema.events.custodyRef, custodyRef))
        .orderBy(asc(schema.events.at), asc(schema.events.seq)),
    );
    return rows.map(fromRow);
  }

  async eventsOfTypes(types: readonly string[], fromAt: number, toAt: number): Promise<LoggedEvent[]> {
    if (types.length === 0) return [];
    const rows = await plain(
      this.#db
        .select()
        .from(schema.events)
        .where(and(inArray(schema.events.type, [...types]), gte(schema.events.at, fromAt), lt(schema.events.at, toAt)))
        .orderBy(asc(schema.events.seq)),
    );
    return rows.map(fromRow);
  }

  async lastSeq(): Promise<number> {
    return plain(lastSeqIn(this.#db));
  }

  async findSourceEvents(source: string, ids: readonly string[]): Promise<Map<string, StoredSourceEvent>> {
    const found = new Map<string, StoredSourceEvent>();
    if (ids.length === 0) return found;
    const rows = await plain(
      this.#db
        .select({ id: schema.events.sourceEventId, type: schema.events.type, at: schema.events.at, data: schema.events.data, format: schema.events.format })
        .from(schema.events)
        .where(and(eq(schema.events.source, source), inArray(schema.events.sourceEventId, [...ids]))),
    );
    for (const r of rows) if (r.id !== null) found.set(r.id, storedSourceEvent(r));
    return found;
  }

  async latestCheckpoint(): Promise<unknown> {
    const [row] = await plain(this.#db.select().from(schema.checkpoints).orderBy(desc(schema.checkpoints.seq)).limit(1));
    return row ? decodeCheckpoint(row.state) : null;
  }

  async pseudonymiseCasesBefore(cutoff: number, pseudonym: () => string): Promise<PseudonymisedCounts> {
    return pseudonymisePg(this.#pool, cutoff, pseudonym);
  }

  async ping(): Promise<void> {
    await plain(this.#db.execute(sql`select 1`));
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/** The read model's upsert: one statement for a write's records, whatever their number. */
const upsertCases = unnestUpsertOf(schema.caseStates);

/** Upserts the records; moves the position to `toSeq` only if it had reached `afterSeq`, so it never passes a gap. */
async function writeReadModelsIn(tx: PgDb, writes: ReadModelWrites, afterSeq: number, toSeq: number): Promise<void> {
  const records = latestPerRef(writes.cases);
  if (records.length) await tx.execute(upsertCases(records));
  await tx
    .insert(schema.readModelPositions)
    // A missing row is position 0 (a database emptied behind our back): only a write from 0 may start it.
    .values({ name: CASE_STATES, seq: afterSeq === 0 ? toSeq : 0 })
    .onConflictDoUpdate({
      target: schema.readModelPositions.name,
      set: { seq: sql`greatest(${schema.readModelPositions.seq}, ${toSeq}::bigint)` },
      setWhere: gte(schema.readModelPositions.seq, afterSeq),
    });
}

async function lastSeqIn(db: PgDb): Promise<number> {
  const [row] = await db.select({ last: max(schema.events.seq) }).from(schema.events);
  return row?.last ?? 0;
}
