import { INGEST_MAX_EVENTS, IngestItem, type Ack, type ErrorCode, type IngestBatch, type IngestResult } from '../../protocol/index.js';
import type { EventGuard } from '../domain/index.js';

/** The one door an import needs: the engine's ingest, the same path a feed's batch takes. */
export interface IngestPort {
  ingest(batch: IngestBatch, actor: string, guard?: EventGuard): Promise<Ack<IngestResult>>;
}

export interface Refusal {
  /** 1-based line number in the file. */
  line: number;
  code: ErrorCode;
  message: string;
}

export interface ImportSummary {
  source: string;
  /** Non-blank lines read. */
  lines: number;
  applied: number;
  /** Facts already in the log under this source and id (an earlier run, or the live feed). */
  duplicates: number;
  refused: number;
  refusedByCode: Partial<Record<ErrorCode, number>>;
  /** Every refused line, in file order. */
  refusals: Refusal[];
  lastSeq: number;
}

export interface ImportOptions {
  /** The feed the facts are recorded under: idempotency is by (source, id), as for a feed. */
  source: string;
  /** Limits the facts to these regions, as a regional feed key does; empty, national. */
  guard?: EventGuard | undefined;
  /** Facts per ingest batch (at most INGEST_MAX_EVENTS). */
  batchSize?: number;
  /** Called after each batch. */
  onProgress?: (summary: Readonly<ImportSummary>) => void;
}

/** Longest line read (a fact is far smaller; a longer line is refused, not parsed). */
export const MAX_LINE_CHARS = 64 * 1024;

interface Parsed {
  line: number;
  item: IngestItem;
}

/**
 * Imports a region's past records, one ingest fact per line (JSON Lines, the shapes of
 * protocol/ingest.ts), through the engine's ingest: the same schema, domain checks, write scope and
 * (source, id) idempotency as a feed, so a second run imports nothing twice. Facts go in batches;
 * a refused batch is sent again fact by fact, so one bad line refuses only itself and every other
 * line is still imported, in file order. Nothing is skipped silently: each refusal is reported
 * with its line number, code and message.
 */
export async function importLines(lines: AsyncIterable<string>, ingest: IngestPort, options: ImportOptions): Promise<ImportSummary> {
  const batchSize = Math.min(options.batchSize ?? INGEST_MAX_EVENTS, INGEST_MAX_EVENTS);
  const actor = `import:${options.source}`;
  const summary: ImportSummary = { source: options.source, lines: 0, applied: 0, duplicates: 0, refused: 0, refusedByCode: {}, refusals: [], lastSeq: 0 };
  const refuse = (line: number, code: ErrorCode, message: string) => {
    summary.refused++;
    summary.refusedByCode[code] = (summary.refusedByCode[code] ?? 0) + 1;
    summary.refusals.push({ line, code, message });
  };
  const send = async (batch: readonly Parsed[]) => {
    if (batch.length === 0) return;
    const ack = await ingest.ingest({ source: options.source, events: batch.map((p) => p.item) }, actor, options.guard);
    if (ack.ok) return count(ack.data);
    if (batch.length === 1) return refuse(batch[0]!.line, ack.error.code, ack.error.message);
    // One fact refused the batch: send each alone, so only the bad ones are refused.
    for (const one of batch) {
      const single = await ingest.ingest({ source: options.source, events: [one.item] }, actor, options.guard);
      if (single.ok) count(single.data);
      else refuse(one.line, single.error.code, single.error.message);
    }
  };
  const count = (result: IngestResult) => {
    summary.applied += result.applied;
    summary.duplicates += result.duplicates;
    summary.lastSeq = Math.max(summary.lastSeq, result.lastSeq);
  };

  let batch: Parsed[] = [];
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim() === '') continue;
    summary.lines++;
    const parsed = parseLine(text);
    if (!parsed.ok) {
      refuse(number, 'invalid_input', parsed.message);
      continue;
    }
    batch.push({ line: number, item: parsed.item });
    if (batch.length >= batchSize) {
      await send(batch);
      batch = [];
      options.onProgress?.(summary);
    }
  }
  await send(batch);
  options.onProgress?.(summary);
  return summary;
}

function parseLine(text: string): { ok: true; item: IngestItem } | { ok: false; message: string } {
  if (text.length > MAX_LINE_CHARS) return { ok: false, message: `The line is longer than ${MAX_LINE_CHARS} characters.` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The line is not JSON.' };
  }
  const parsed = IngestItem.safeParse(json);
  if (parsed.success) return { ok: true, item: parsed.data };
  return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || '(fact)'}: ${i.message}`).join('; ') };
}
