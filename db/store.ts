import type { DomainEvent, LoggedEvent } from '../protocol/index.js';
import type { PseudonymisedCounts } from './retention.js';
import type { CaseRecord, CaseState, PeriodCounts, Reference, RegisterFilter } from '../server/domain/index.js';

/** A record without the whole case's JSON: what an export reads, a fifth of the bytes. */
export type RecordWithoutCase = Omit<CaseRecord, 'caseJson'>;

/** Where a paged read of records stopped. */
export interface RecordCursor {
  readonly relevantTime: number;
  readonly custodyRef: string;
}

/** What the reports' read models gain with an append: the records of the cases its facts changed. */
export interface ReadModelWrites {
  /** At most one per custody reference, each folded to the last fact of the batch that touched it. */
  readonly cases: readonly CaseRecord[];
}

/** What an earlier fact with the same source id looked like, to tell a retry from a conflict. */
export interface StoredSourceEvent {
  type: DomainEvent['type'];
  at: number;
  data: string; // JSON as stored
}

/**
 * The log has moved on since a batch was numbered (another writer, on this node or another,
 * appended first): nothing was written. The writer catches up from `actual` and decides again.
 */
export class SeqConflict extends Error {
  override readonly name = 'SeqConflict';
  constructor(
    /** The last seq the batch was numbered after. */
    readonly expected: number,
    /** The last seq actually in the log. */
    readonly actual: number,
  ) {
    super(`append: seq ${expected + 1} does not follow ${actual}`);
  }
}

/**
 * Storage behind the live engine. Every implementation (SQLite, PostgreSQL) passes the same
 * contract tests in test/db/store-contract.ts. Methods are async so a networked store fits.
 */
export interface EventStore {
  /** Reference data; `null` on a database that has none yet. */
  loadReference(): Promise<Reference | null>;
  /**
   * Saves reference data on a new database. Rows already there are kept as they are, so two nodes
   * starting on one empty database at once both succeed and the first one's data stands.
   */
  saveReference(reference: Reference, sources: ReadonlyMap<string, string>): Promise<void>;

  /**
   * Appends events whose `seq` continues the log exactly, in one durable transaction (once this
   * resolves the facts survive power loss). Throws SeqConflict
   * (and writes nothing) if the batch does not follow the last seq in the log; throws (and writes
   * nothing) if its seqs are not consecutive or a fact's (source, source id) is already stored.
   */
  append(events: readonly LoggedEvent[], readModels?: ReadModelWrites): Promise<void>;
  /**
   * How far into the log the read models are written without a gap: every fact up to here is in
   * them. Behind the log only on a database written before them (the first start backfills).
   */
  readModelPosition(): Promise<number>;
  /**
   * Writes read-model records folded from the events in (afterSeq, toSeq] outside an append (a
   * backfill from the log), in one transaction. The position moves to `toSeq` only if it had
   * reached `afterSeq`; a record never replaces one folded from a later seq.
   */
  writeReadModels(writes: ReadModelWrites, afterSeq: number, toSeq: number): Promise<void>;
  /** Read-model records in custody-reference order after `afterRef`, at most `limit` (checks, retention). */
  caseRecords(afterRef: string, limit: number): Promise<CaseRecord[]>;
  /** What the reports count over London days [from, to], from the read models (grouped queries). */
  periodCounts(from: string, to: string): Promise<PeriodCounts>;
  /** The register's cases: non-attendances released in [from, to] (London days), latest first. */
  nonAttendanceCases(filter: RegisterFilter): Promise<CaseState[]>;
  /**
   * Records of cases that arrived in [fromAt, toAt), in order of relevant time then reference, the
   * next `limit` after `after`: an export reads a year a page at a time.
   */
  caseRecordsArrived(fromAt: number, toAt: number, after: RecordCursor | null, limit: number): Promise<RecordWithoutCase[]>;
  /** Events after `seq`, in order, at most `limit`. */
  eventsAfter(seq: number, limit: number): Promise<LoggedEvent[]>;
  /** Every event about one custody reference, in the order it happened: the ERF timeline. */
  eventsForCase(custodyRef: string): Promise<LoggedEvent[]>;
  /** Events of these types that happened in [fromAt, toAt), in order of sequence. */
  eventsOfTypes(types: readonly string[], fromAt: number, toAt: number): Promise<LoggedEvent[]>;
  lastSeq(): Promise<number>;
  /** Facts already stored under these ids of one source. */
  findSourceEvents(source: string, ids: readonly string[]): Promise<Map<string, StoredSourceEvent>>;
  /**
   * Replaces the checkpoint with the state after event `seq`, given as the JSON text of a
   * SerialisedState (the engine encodes it in slices, so a large state does not block the loop).
   */
  saveCheckpoint(seq: number, createdAt: number, stateJson: string): Promise<void>;
  /** The stored checkpoint as written (the engine checks its format: decision 29), or null. */
  latestCheckpoint(): Promise<unknown>;
  /**
   * Retention: replaces the custody reference of every case whose last fact happened before
   * `cutoff` with `pseudonym()` (one per case), in the log and every read model, in one
   * transaction (db/retention.ts).
   */
  pseudonymiseCasesBefore(cutoff: number, pseudonym: () => string): Promise<PseudonymisedCounts>;
  /** Resolves when the database answers (readiness); rejects within seconds when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
