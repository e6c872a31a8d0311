import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import type { EventType, LoggedEvent } from '../protocol/index.js';
import { currentFormat, upgradeData } from './event-upgrades.js';
import type { StoredSourceEvent } from './store.js';

/** One row of the `events` table, the same in SQLite and PostgreSQL (db/schema.ts, db/pg-schema.ts). */
export interface EventRow {
  seq: number;
  type: string;
  at: number;
  recordedAt: number;
  actor: string;
  source: string;
  sourceEventId: string | null;
  custodyRef: string | null;
  data: string;
  /** The shape `data` was written in (db/event-upgrades.ts). */
  format: number;
}

/** The row an event is stored as: its data as JSON text, its custody reference beside it for lookups. */
export function toRow(e: LoggedEvent): EventRow {
  return {
    seq: e.seq,
    type: e.type,
    at: e.at,
    recordedAt: e.recordedAt,
    actor: e.actor,
    source: e.source,
    sourceEventId: e.sourceEventId,
    custodyRef: 'custodyRef' in e.data ? e.data.custodyRef : null,
    data: JSON.stringify(e.data),
    format: currentFormat(e.type),
  };
}

export function fromRow(row: EventRow): LoggedEvent {
  // Rows were validated on the way in; the log is trusted on the way out, once in today's shape.
  const type = row.type as EventType;
  return {
    seq: row.seq,
    type,
    data: upgradeData(type, row.format, JSON.parse(row.data)),
    at: row.at,
    recordedAt: row.recordedAt,
    actor: row.actor,
    source: row.source,
    sourceEventId: row.sourceEventId,
  } as LoggedEvent;
}

/**
 * An earlier fact under a source id, as a retry in today's shape is compared with it: an event
 * stored in an older shape is upgraded first.
 */
export function storedSourceEvent(row: { type: string; at: number; data: string; format: number }): StoredSourceEvent {
  const type = row.type as EventType;
  const data = row.format === currentFormat(type) ? row.data : JSON.stringify(upgradeData(type, row.format, JSON.parse(row.data)));
  return { type, at: row.at, data };
}

/** Throws unless the batch's seqs are consecutive (a programming error, not a conflict). */
export function assertConsecutive(events: readonly LoggedEvent[]): void {
  events.forEach((e, i) => {
    if (e.seq !== events[0]!.seq + i) throw new Error('append: sequence numbers are not consecutive');
  });
}

const gzipAsync = promisify(gzip);

/** A checkpoint's JSON, gzipped on libuv's thread pool: writing megabytes of JSON held the loop ≈15–30 ms. */
export function encodeCheckpoint(stateJson: string): Promise<Buffer> {
  return gzipAsync(stateJson, { level: 1 });
}

/**
 * A stored checkpoint back to state. One written before compression (SQLite migration 0003) is the
 * JSON text itself; gzip data starts with the bytes 1f 8b, which JSON text never does.
 */
export function decodeCheckpoint(stored: Uint8Array): unknown {
  const bytes = Buffer.from(stored);
  const json = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString('utf8')) as unknown;
}
