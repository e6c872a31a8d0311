import { caseKey, chunksOf, CHUNK_EVERY, encodeCases, encodeOfficers, officerKey, packQueue, type CaseView, type LiveDerived, type OfficerView, type Snapshot, type Table } from '../../protocol/index.js';
import { gzipOf, gzipPart, type GzipPart } from './gzip-parts.js';

/** Level 4: at national scale ≈136 KB on the wire (limit 150 KB) without the cost of level 6. */
const LEVEL = 4;

/**
 * One scope's packed snapshot, kept in parts between hellos (decision 6X). Case views and officer
 * views are the same objects while their case or officer is unchanged (server/domain/views.ts),
 * so a chunk whose rows are the same objects as last time keeps its encoding and compressed bytes;
 * only chunks with a changed, added or removed row are encoded and compressed again. The other
 * parts of the snapshot are kept while their JSON is the same. The bytes, once opened, are exactly
 * `JSON.stringify(packSnapshot(snapshot))` (the equivalence test holds it to that).
 */
export class KeptSnapshotParts {
  readonly #cases: KeptChunks<CaseView>;
  readonly #officers: KeptChunks<OfficerView>;
  /** Top-level fields by name, kept while their JSON is unchanged. */
  #fields = new Map<string, { text: string; part: GzipPart }>();
  #derived: { derived: LiveDerived; cases: readonly CaseView[]; part: GzipPart } | null = null;

  constructor(every = CHUNK_EVERY) {
    this.#cases = new KeptChunks(caseKey, encodeCases, every);
    this.#officers = new KeptChunks(officerKey, encodeOfficers, every);
  }

  /** The gzip of the snapshot's WireSnapshot JSON. */
  pack(snapshot: Snapshot): Promise<Buffer> {
    const { cases, officers, derived, ...rest } = snapshot;
    const parts: GzipPart[] = [];
    // The fields in the order packSnapshot gives them: the snapshot's own, then cases, officers, derived.
    const fields = new Map<string, { text: string; part: GzipPart }>();
    for (const [name, value] of Object.entries(rest)) {
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) continue;
      const text = `${fields.size === 0 ? '{' : ','}${JSON.stringify(name)}:${json}`;
      const kept = this.#fields.get(name);
      const field = kept?.text === text ? kept : { text, part: gzipPart(text, LEVEL) };
      fields.set(name, field);
      parts.push(field.part);
    }
    this.#fields = fields;
    parts.push(glue(fields.size === 0 ? '{"cases":[' : ',"cases":['), ...this.#cases.parts(cases), glue('],"officers":['), ...this.#officers.parts(officers));
    parts.push(glue('],"derived":'), this.#derivedPart(derived, cases), glue('}'));
    return gzipOf(parts);
  }

  /** The derived view with the CCU queue as steps in the case list: kept while both are the same. */
  #derivedPart(derived: LiveDerived, cases: readonly CaseView[]): GzipPart {
    const kept = this.#derived;
    if (kept && kept.derived === derived && sameRows(kept.cases, cases)) return kept.part;
    const part = gzipPart(JSON.stringify({ ...derived, ccuQueue: packQueue(derived.ccuQueue, cases) }), LEVEL);
    this.#derived = { derived, cases, part };
    return part;
  }
}

/** A table's chunks (snapshot-wire.ts `chunksOf`), each kept by its first row's key while its rows are the same objects. */
class KeptChunks<T> {
  #kept = new Map<string, { rows: readonly T[]; part: GzipPart }>();

  constructor(
    readonly keyOf: (row: T) => string,
    readonly encode: (rows: readonly T[]) => Table,
    readonly every: number,
  ) {}

  /** The rows and parts of the last call: while no row changed, not even chunked again. */
  #last: { rows: readonly T[]; parts: GzipPart[] } | null = null;

  parts(rows: readonly T[]): GzipPart[] {
    if (this.#last && sameRows(this.#last.rows, rows)) return this.#last.parts;
    const kept = new Map<string, { rows: readonly T[]; part: GzipPart }>();
    const parts: GzipPart[] = [];
    for (const chunk of chunksOf(rows, this.keyOf, this.every)) {
      const key = this.keyOf(chunk[0]!);
      const old = this.#kept.get(key);
      const entry = old && sameRows(old.rows, chunk) ? old : { rows: chunk, part: gzipPart(JSON.stringify(this.encode(chunk)), LEVEL) };
      kept.set(key, entry);
      if (parts.length > 0) parts.push(COMMA);
      parts.push(entry.part);
    }
    this.#kept = kept;
    this.#last = { rows, parts };
    return parts;
  }
}

function sameRows<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const glues = new Map<string, GzipPart>();
/** A few bytes of JSON between parts: stored, and made once. */
function glue(text: string): GzipPart {
  let part = glues.get(text);
  if (!part) glues.set(text, (part = gzipPart(text, LEVEL)));
  return part;
}
const COMMA = glue(',');
