import {
  caseKey,
  CHUNK_EVERY,
  encodeCases,
  encodeOfficers,
  officerKey,
  packQueue,
  positionsOf,
  type CaseView,
  type ChunkEvery,
  type LiveDerived,
  type OfficerView,
  type Snapshot,
  type Table,
} from '../../protocol/index.js';
import { boundedChunksOf, SPLIT_CASES, type SplitRule } from './bounded-chunks.js';
import { gzipOf, gzipPart, type GzipPart } from './gzip-parts.js';

/**
 * Level 6: parts are compressed once and kept, so the slower level costs only the parts that
 * change, and it wins back what separate chunks cost in size (national scale: ≈137 KB, as one
 * level-4 gzip of the unchunked snapshot was; limit 150 KB).
 */
const LEVEL = 6;

/**
 * One scope's packed snapshot, kept in parts between hellos (decision 67). Case views and officer
 * views are the same objects while their case or officer is unchanged (server/domain/views.ts),
 * so a chunk whose rows are the same objects as last time keeps its encoding and compressed bytes;
 * only chunks with a changed, added or removed row are encoded and compressed again. The other
 * fields are kept while their JSON is the same. The bytes, once opened, are exactly
 * `JSON.stringify(packSnapshot(snapshot))` with the tables cut as `boundedChunksOf` cuts them
 * (the equivalence test holds it to that), which `unpackSnapshot` opens as any other cut.
 */
export class KeptSnapshotParts {
  readonly #fields = new KeptFields();
  readonly #cases: KeptChunks<CaseView>;
  readonly #officers: KeptChunks<OfficerView>;
  readonly #derived = new KeptFields();
  #queue: { queue: readonly string[]; cases: readonly CaseView[]; position: ReadonlyMap<string, number> | null; json: string } | null = null;

  constructor(every: ChunkEvery = CHUNK_EVERY, split: Splits = SPLITS) {
    this.#cases = new KeptChunks(caseKey, encodeCases, every.cases, split.cases);
    this.#officers = new KeptChunks(officerKey, encodeOfficers, every.officers, split.officers);
  }

  /** The gzip of the snapshot's WireSnapshot JSON. */
  pack(snapshot: Snapshot): Promise<Buffer> {
    const { cases, officers, derived, ...rest } = snapshot;
    // The fields in the order packSnapshot gives them: the snapshot's own, then cases, officers, derived.
    const own = this.#fields.parts(Object.entries(rest).map(([name, value]) => ({ name, value, json: () => JSON.stringify(value) as string | undefined })));
    const parts = [...own, glue(own.length === 0 ? '{"cases":[' : ',"cases":['), ...this.#cases.parts(cases), glue('],"officers":['), ...this.#officers.parts(officers)];
    const derivedParts = this.#derived.parts(
      Object.entries(derived).map(([name, value]): Field => {
        if (name !== 'ccuQueue') return { name, value, json: () => JSON.stringify(value) as string | undefined };
        const steps = this.#queueJson(derived.ccuQueue, cases);
        return { name, value: steps, json: () => steps };
      }),
    );
    parts.push(glue('],"derived":'), ...(derivedParts.length === 0 ? [glue('{')] : derivedParts), glue('}}'));
    return gzipOf(parts);
  }

  /** The CCU queue as steps in the case list: kept while queue and cases are the same. */
  #queueJson(queue: LiveDerived['ccuQueue'], cases: readonly CaseView[]): string {
    const last = this.#queue;
    const sameCases = last !== null && sameRows(last.cases, cases);
    if (sameCases && sameRows(last.queue, queue)) return last.json;
    const position = (sameCases ? last.position : null) ?? positionsOf(cases);
    const json = JSON.stringify(packQueue(queue, cases, position));
    this.#queue = { queue, cases, position, json };
    return json;
  }
}

/** How each table's long chunks are cut again (bounded-chunks.ts); null: as `chunksOf` cuts them. */
export interface Splits {
  cases: SplitRule | null;
  officers: SplitRule | null;
}
/** Officers' chunks stay as they are: short already (≈256), and a move changes a few of them whatever their size. */
const SPLITS: Splits = { cases: SPLIT_CASES, officers: null };

/** A field of an object: its value, and its JSON (undefined: a field JSON leaves out). */
interface Field {
  name: string;
  value: unknown;
  json: () => string | undefined;
}

/**
 * An object's fields as parts, `{` before the first and `,` before the others; each kept while its
 * value is the same (the same object, an array of the same objects, or JSON that reads the same).
 */
class KeptFields {
  #kept = new Map<string, { value: unknown; text: string; part: GzipPart }>();

  parts(fields: readonly Field[]): GzipPart[] {
    const kept = new Map<string, { value: unknown; text: string; part: GzipPart }>();
    const parts: GzipPart[] = [];
    for (const { name, value, json } of fields) {
      const lead = parts.length === 0 ? '{' : ',';
      const old = this.#kept.get(name);
      let field = old && old.text[0] === lead && sameValue(old.value, value) ? old : null;
      if (!field) {
        const text = json();
        if (text === undefined) continue;
        const whole = `${lead}${JSON.stringify(name)}:${text}`;
        field = old?.text === whole ? { ...old, value } : { value, text: whole, part: gzipPart(whole, LEVEL) };
      }
      kept.set(name, field);
      parts.push(field.part);
    }
    this.#kept = kept;
    return parts;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (Array.isArray(a) && Array.isArray(b) && sameRows(a, b));
}

/** A table's chunks (`boundedChunksOf`), each kept by its first row's key while its rows are the same objects. */
class KeptChunks<T> {
  #kept = new Map<string, { rows: readonly T[]; part: GzipPart }>();
  /** The rows and parts of the last call: while no row changed, not even chunked again. */
  #last: { rows: readonly T[]; parts: GzipPart[] } | null = null;

  constructor(
    readonly keyOf: (row: T) => string,
    readonly encode: (rows: readonly T[]) => Table,
    readonly every: number,
    readonly split: SplitRule | null,
  ) {}

  parts(rows: readonly T[]): GzipPart[] {
    if (this.#last && sameRows(this.#last.rows, rows)) return this.#last.parts;
    const kept = new Map<string, { rows: readonly T[]; part: GzipPart }>();
    const parts: GzipPart[] = [];
    for (const chunk of boundedChunksOf(rows, this.keyOf, this.every, this.split)) {
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
  if (a === b) return true;
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
