import { decodeTable, encodeTable, nested, type Table, type TableCodec } from './columns.js';
import type { CaseView, LiveDerived, OfficerView, Snapshot } from './views.js';

/**
 * The snapshot as it crosses the network: cases and officers as columns (columns.ts), the CCU
 * queue as positions in the case list. Gzipped, a national picture (10,000 open cases) is a
 * fraction of its JSON; `unpackSnapshot` gives back exactly the Snapshot that was packed.
 *
 * Cases and officers travel as chunks, each a column table of its own (`chunksOf`): a chunk's
 * encoding depends on its rows alone, so the server keeps the encoding of each chunk that did not
 * change between two hellos instead of encoding 10,000 cases again (decision 67).
 */
export interface WireSnapshot extends Omit<Snapshot, 'cases' | 'officers' | 'derived'> {
  cases: Table[];
  officers: Table[];
  /**
   * The queue as positions in `cases`, each as the difference from the one before (the queue is
   * mostly in order of deadline, and so of relevant time, like the cases); as custody references
   * if any is not in `cases`.
   */
  derived: Omit<LiveDerived, 'ccuQueue'> & { ccuQueue: { steps: number[] } | { refs: string[] } };
}

/**
 * Fields that repeat are dictionaries; times in arrival order are deltas; deadlines follow the
 * relevant time; objects every case has are columns of their own.
 */
const CASES: TableCodec<CaseView> = {
  custodyRef: 'plain',
  suiteId: 'dict',
  region: 'dict',
  nationality: 'dict',
  iabsMatch: 'dict',
  relevantTime: 'delta',
  offenceCategory: 'dict',
  intelFlags: 'plain',
  priorOffences: 'dict',
  highHarm: nested<CaseView['highHarm']>({ highHarm: 'dict', rule: 'dict', version: 'dict' }),
  referredAt: { minus: 'relevantTime' },
  acro: nested<CaseView['acro']>({ requestedAt: 'plain', returnedAt: 'plain', overseasConvictions: 'dict' }),
  checkStarted: 'plain',
  declined: 'plain',
  check: 'plain',
  interviewAt: 'plain',
  decision: 'plain',
  travelDocument: 'dict',
  etd: nested<CaseView['etd']>({ required: 'dict', appliedAt: 'plain', agreedAt: 'plain' }),
  paceLimitHours: 'dict',
  paceDeadline: { minus: 'relevantTime' },
  released: 'plain',
  nonAttendance: 'plain',
};

const OFFICERS: TableCodec<OfficerView> = {
  id: 'plain',
  role: 'dict',
  region: 'dict',
  status: 'dict',
  lat: 'plain',
  lng: 'plain',
  suiteId: 'dict',
  etaAt: 'plain',
  statusSince: 'delta',
  version: 'plain',
  move: 'plain',
  positionAt: 'plain',
};

/**
 * On average one row in this many starts a chunk. Each chunk has its own dictionaries, so small
 * chunks cost bytes; cases change a few at a time, officers' positions many at a time.
 */
export interface ChunkEvery {
  cases: number;
  officers: number;
}
export const CHUNK_EVERY: ChunkEvery = { cases: 2_048, officers: 256 };

/**
 * Rows cut into chunks where a row's key hashes to a multiple of `every`: where a chunk starts
 * depends on its first row alone, not on its position, so a case added, changed or gone changes
 * its own chunk and leaves the others as they were.
 */
export function chunksOf<T>(rows: readonly T[], keyOf: (row: T) => string, every: number): T[][] {
  return cutWhere(rows, keyOf, (length, key) => length > 0 && startsChunk(key, every));
}

/** Rows in consecutive chunks, a new one started before each row `startsNew` (given the current chunk's length and the row's key) says. */
export function cutWhere<T>(rows: readonly T[], keyOf: (row: T) => string, startsNew: (length: number, key: string) => boolean): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const row of rows) {
    if (startsNew(current.length, keyOf(row))) {
      chunks.push(current);
      current = [];
    }
    current.push(row);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function startsChunk(key: string, every: number): boolean {
  // FNV-1a: cheap, and spread evenly enough over custody references and call signs.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % every === 0;
}

export const caseKey = (c: CaseView): string => c.custodyRef;
export const officerKey = (o: OfficerView): string => o.id;
export const encodeCases = (chunk: readonly CaseView[]): Table => encodeTable(chunk, CASES);
export const encodeOfficers = (chunk: readonly OfficerView[]): Table => encodeTable(chunk, OFFICERS);

/** The whole snapshot packed from scratch: what the server's kept chunks must always add up to. */
export function packSnapshot(snapshot: Snapshot, every: ChunkEvery = CHUNK_EVERY): WireSnapshot {
  const { cases, officers, derived, ...rest } = snapshot;
  return {
    ...rest,
    cases: chunksOf(cases, caseKey, every.cases).map(encodeCases),
    officers: chunksOf(officers, officerKey, every.officers).map(encodeOfficers),
    derived: { ...derived, ccuQueue: packQueue(derived.ccuQueue, cases) },
  };
}

export function unpackSnapshot(wire: WireSnapshot): Snapshot {
  const { cases: caseTables, officers, derived, ...rest } = wire;
  const cases = caseTables.flatMap((t) => decodeTable<CaseView>(t));
  return {
    ...rest,
    officers: officers.flatMap((t) => decodeTable<OfficerView>(t)),
    cases,
    derived: { ...derived, ccuQueue: unpackQueue(derived.ccuQueue, cases) },
  };
}

/** Each case's place in the list, by custody reference: what `packQueue` measures the queue in. */
export function positionsOf(cases: readonly CaseView[]): ReadonlyMap<string, number> {
  return new Map(cases.map((c, i) => [c.custodyRef, i]));
}

export function packQueue(queue: readonly string[], cases: readonly CaseView[], position = positionsOf(cases)): { steps: number[] } | { refs: string[] } {
  const at = queue.map((ref) => position.get(ref));
  if (at.some((i) => i === undefined)) return { refs: [...queue] };
  return { steps: (at as number[]).map((i, k) => i - (k === 0 ? 0 : at[k - 1]!)) };
}

function unpackQueue(queue: { steps: number[] } | { refs: string[] }, cases: readonly CaseView[]): string[] {
  if ('refs' in queue) return queue.refs;
  let at = 0;
  return queue.steps.map((step) => cases[(at += step)]!.custodyRef);
}

/**
 * Opens a packed snapshot (gzip of the JSON of a WireSnapshot) with the platform's own
 * DecompressionStream: browsers and Node alike, nothing to download.
 */
export async function openSnapshot(gzip: ArrayBuffer | Uint8Array): Promise<Snapshot> {
  const stream = new Blob([gzip as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return unpackSnapshot((await new Response(stream).json()) as WireSnapshot);
}
