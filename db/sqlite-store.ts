import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { and, asc, between, desc, eq, gt, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { LoggedEvent } from '../protocol/index.js';
import { caseOfRecord, type CaseRecord, type CaseState, type OfficerRef, type PeriodCounts, type Reference, type RegisterFilter } from '../server/domain/index.js';
import * as schema from './schema.js';
import { assertConsecutive, decodeCheckpoint, encodeCheckpoint, fromRow, storedSourceEvent, toRow } from './event-rows.js';
import type { PseudonymisedCounts } from './retention.js';
import { SqliteAuthStore } from './sqlite-auth-store.js';
import { pseudonymiseSqlite } from './sqlite-retention.js';
import { CASE_STATES, columnsWithoutCase, latestPerRef, preparedUpsertOf } from './case-records.js';
import { periodCounts, type GroupedQuery } from './period-queries.js';
import { SeqConflict, type EventStore, type ReadModelWrites, type RecordCursor, type RecordWithoutCase, type StoredSourceEvent } from './store.js';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface SqliteOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /**
   * FULL (the default): a commit is on disk before it returns, so an acknowledged fact survives
   * power loss; the engine's group commit keeps that affordable. NORMAL in WAL mode survives a
   * crash of the process but may lose the last commits on power loss.
   */
  synchronous?: 'NORMAL' | 'FULL';
}

/** The embedded store: one SQLite file in WAL mode, migrated on open. */
export class SqliteStore implements EventStore {
  readonly #sqlite: Database.Database;
  readonly #db: BetterSQLite3Database<typeof schema>;
  readonly #insertEvent: Database.Statement;
  readonly #lastSeq: Database.Statement<[], { last: number }>;
  readonly #upsertCase: Database.Statement;
  readonly #caseParams: (record: CaseRecord) => unknown[];
  readonly #moveReadModel: Database.Statement<[{ after: number; to: number }]>;
  readonly #sourceEvents: Database.Statement<[string, string], { id: string; type: string; at: number; data: string; format: number }>;

  constructor({ path, synchronous = 'FULL' }: SqliteOptions) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#sqlite = new Database(path);
    this.#sqlite.pragma('journal_mode = WAL');
    this.#sqlite.pragma(`synchronous = ${synchronous}`);
    this.#sqlite.pragma('foreign_keys = ON');
    this.#db = drizzle({ client: this.#sqlite, schema });
    migrate(this.#db, { migrationsFolder: MIGRATIONS });
    // The append is the hot path of ingest: one prepared statement, no query building per row.
    this.#insertEvent = this.#sqlite.prepare(
      `INSERT INTO events (seq, type, at, recorded_at, actor, source, source_event_id, custody_ref, data, format)
       VALUES (@seq, @type, @at, @recordedAt, @actor, @source, @sourceEventId, @custodyRef, @data, @format)`,
    );
    this.#lastSeq = this.#sqlite.prepare('SELECT coalesce(max(seq), 0) AS last FROM events');
    // So are the read models written with it (decision 57): one prepared upsert a case.
    const upsert = preparedUpsertOf(schema.caseStates);
    this.#upsertCase = this.#sqlite.prepare(upsert.sql);
    this.#caseParams = upsert.params;
    // A missing row is position 0 (a database emptied behind our back): only a write from 0 may start it.
    this.#moveReadModel = this.#sqlite.prepare(
      `INSERT INTO read_model_positions (name, seq) VALUES ('${CASE_STATES}', CASE WHEN @after = 0 THEN @to ELSE 0 END)
       ON CONFLICT (name) DO UPDATE SET seq = max(seq, @to) WHERE seq >= @after`,
    );
    // One statement for any number of ids: they travel as one JSON array.
    this.#sourceEvents = this.#sqlite.prepare(
      `SELECT source_event_id AS id, type, at, data, format FROM events
       WHERE source = ? AND source_event_id IN (SELECT value FROM json_each(?))`,
    );
  }

  /** How durable a commit is on this connection, as SQLite reports it. */
  synchronous(): 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA' {
    const level = this.#sqlite.pragma('synchronous', { simple: true }) as number;
    return (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[level] ?? 'OFF';
  }

  /** Users, sessions, keys and audit, in the same database file. */
  authStore(): SqliteAuthStore {
    return new SqliteAuthStore(this.#sqlite);
  }

  async loadReference(): Promise<Reference | null> {
    const suites = this.#db.select().from(schema.suites).orderBy(asc(schema.suites.id)).all();
    if (suites.length === 0) return null;
    const officers: OfficerRef[] = this.#db.select().from(schema.officers).orderBy(asc(schema.officers.id)).all();
    return { suites: suites.map(({ source: _source, ...suite }) => suite), officers };
  }

  async saveReference(reference: Reference, sources: ReadonlyMap<string, string>): Promise<void> {
    this.#db.transaction((tx) => {
      for (const suite of reference.suites) {
        tx.insert(schema.suites).values({ ...suite, source: sources.get(suite.id) ?? '' }).onConflictDoNothing().run();
      }
      for (const officer of reference.officers) tx.insert(schema.officers).values(officer).onConflictDoNothing().run();
    });
  }

  async append(events: readonly LoggedEvent[], readModels?: ReadModelWrites): Promise<void> {
    const first = events[0];
    if (!first) return;
    this.#sqlite.transaction(() => {
      const { last } = this.#lastSeq.get()!;
      if (first.seq !== last + 1) throw new SeqConflict(first.seq - 1, last);
      assertConsecutive(events);
      for (const e of events) this.#insertEvent.run(toRow(e));
      // The read models move with the log, in the same transaction (decision 57).
      if (readModels) this.#writeReadModels(readModels, first.seq - 1, events.at(-1)!.seq);
    })();
  }

  async readModelPosition(): Promise<number> {
    const row = this.#db.select().from(schema.readModelPositions).where(eq(schema.readModelPositions.name, CASE_STATES)).get();
    return row?.seq ?? 0;
  }

  async caseRecords(afterRef: string, limit: number): Promise<CaseRecord[]> {
    const t = schema.caseStates;
    return this.#db.select().from(t).where(gt(t.custodyRef, afterRef)).orderBy(asc(t.custodyRef)).limit(limit).all() as CaseRecord[];
  }

  async periodCounts(from: string, to: string): Promise<PeriodCounts> {
    const t = schema.caseStates;
    return periodCounts(t, from, to, (q: GroupedQuery) => this.#db.select(q.fields as Record<string, never>).from(t).where(q.where).groupBy(...(q.groupBy as never[])).all());
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
    const rows = this.#db.select({ caseJson: t.caseJson }).from(t).where(where).orderBy(desc(t.releasedAt), asc(t.custodyRef)).all();
    return rows.map((r) => caseOfRecord(r.caseJson));
  }

  async caseRecordsArrived(fromAt: number, toAt: number, after: RecordCursor | null, limit: number): Promise<RecordWithoutCase[]> {
    const t = schema.caseStates;
    const where = and(
      gte(t.relevantTime, fromAt),
      lt(t.relevantTime, toAt),
      after ? sql`(${t.relevantTime}, ${t.custodyRef}) > (${after.relevantTime}, ${after.custodyRef})` : undefined,
    );
    return this.#db.select(columnsWithoutCase(t)).from(t).where(where).orderBy(asc(t.relevantTime), asc(t.custodyRef)).limit(limit).all() as RecordWithoutCase[];
  }

  async writeReadModels(writes: ReadModelWrites, afterSeq: number, toSeq: number): Promise<void> {
    this.#sqlite.transaction(() => this.#writeReadModels(writes, afterSeq, toSeq))();
  }

  /** Upserts the records; moves the position to `toSeq` only if it had reached `afterSeq`, so it never passes a gap. */
  #writeReadModels(writes: ReadModelWrites, afterSeq: number, toSeq: number): void {
    for (const record of latestPerRef(writes.cases)) this.#upsertCase.run(this.#caseParams(record));
    this.#moveReadModel.run({ after: afterSeq, to: toSeq });
  }

  async saveCheckpoint(seq: number, createdAt: number, stateJson: string): Promise<void> {
    const state = await encodeCheckpoint(stateJson);
    this.#db.transaction((tx) => {
      tx.delete(schema.checkpoints).run();
      tx.insert(schema.checkpoints).values({ seq, createdAt, state }).run();
    });
  }

  async eventsAfter(seq: number, limit: number): Promise<LoggedEvent[]> {
    return this.#db
      .select()
      .from(schema.events)
      .where(gt(schema.events.seq, seq))
      .orderBy(asc(schema.events.seq))
      .limit(limit)
      .all()
      .map(fromRow);
  }

  async eventsForCase(custodyRef: string): Promise<LoggedEvent[]> {
    return this.#db
      .select()
      .from(schema.events)
      .where(eq(schema.events.custodyRef, custodyRef))
      .orderBy(asc(schema.events.at), asc(schema.events.seq))
      .all()
      .map(fromRow);
  }

  async eventsOfTypes(types: readonly string[], fromAt: number, toAt: number): Promise<LoggedEvent[]> {
    if (types.length === 0) return [];
    return this.#db
      .select()
      .from(schema.events)
      .where(and(inArray(schema.events.type, [...types]), gte(schema.events.at, fromAt), lt(schema.events.at, toAt)))
      .orderBy(asc(schema.events.seq))
      .all()
      .map(fromRow);
  }

  async lastSeq(): Promise<number> {
    return this.#lastSeq.get()!.last;
  }

  async findSourceEvents(source: string, ids: readonly string[]): Promise<Map<string, StoredSourceEvent>> {
    const found = new Map<string, StoredSourceEvent>();
    if (ids.length === 0) return found;
    for (const r of this.#sourceEvents.all(source, JSON.stringify(ids))) found.set(r.id, storedSourceEvent(r));
    return found;
  }

  async latestCheckpoint(): Promise<unknown> {
    const row = this.#db.select().from(schema.checkpoints).orderBy(desc(schema.checkpoints.seq)).limit(1).get();
    return row ? decodeCheckpoint(row.state) : null;
  }

  async pseudonymiseCasesBefore(cutoff: number, pseudonym: () => string): Promise<PseudonymisedCounts> {
    return pseudonymiseSqlite(this.#sqlite, cutoff, pseudonym);
  }

  async ping(): Promise<void> {
    this.#sqlite.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.#sqlite.close();
  }
}
