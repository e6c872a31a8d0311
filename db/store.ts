import type { DomainEvent, LoggedEvent } from '../protocol/index.js';
import type { Reference } from '../server/domain/index.js';

/** What an earlier fact with the same source id looked like, to tell a retry from a conflict. */
export interface StoredSourceEvent {
  type: DomainEvent['type'];
  at: number;
  data: string; // JSON as stored
}

/**
 * Storage behind the live engine. Every implementation (SQLite now, PostgreSQL later) passes the
 * same contract tests in test/db/store-contract.ts. Methods are async so a networked store fits.
 */
export interface EventStore {
  /** Reference data; `null` on a database that has none yet. */
  loadReference(): Promise<Reference | null>;
  saveReference(reference: Reference, sources: ReadonlyMap<string, string>): Promise<void>;

  /**
   * Appends events whose `seq` continues the log exactly, in one transaction, durably (it
   * survives power loss once this resolves). Throws SeqConflict (and writes nothing) if the log
   * does not end just before the first of them.
   */
  append(events: readonly LoggedEvent[]): Promise<void>;
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
   * Replaces the checkpoint with the state after event `seq`, given as JSON text (the engine
   * encodes it in slices, so a large state does not block the loop).
   */
  saveCheckpoint(seq: number, createdAt: number, stateJson: string): Promise<void>;
  /** The stored checkpoint as written (the engine checks its format), or null. */
  latestCheckpoint(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The log moved on since the writer last read it: another node appended first. Nothing was
 * written; the writer catches up and decides again.
 */
export class SeqConflict extends Error {
  constructor(
    readonly expectedLastSeq: number,
    readonly actualLastSeq: number,
  ) {
    super(`append: seq ${expectedLastSeq + 1} does not follow ${actualLastSeq}`);
    this.name = 'SeqConflict';
  }
}
