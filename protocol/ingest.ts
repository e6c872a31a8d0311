import { z } from 'zod';
import { FreeText } from './ids.js';
import { INGEST_MAX_EVENTS, IngestItem } from './event-registry.js';

/**
 * What a custody, rostering, location or casework feed posts: facts of the types the registry
 * (event-registry.ts) lets feeds send. Assignments, reasons, alert acknowledgements and rule sets
 * are people's commands, not feed facts.
 */
export const IngestBatch = z.strictObject({
  source: FreeText(40).regex(/^[a-z0-9-]+$/, 'a source is lower-case letters, digits and dashes'),
  events: z.array(IngestItem).min(1).max(INGEST_MAX_EVENTS),
});
export type IngestBatch = z.infer<typeof IngestBatch>;

export interface IngestResult {
  /** Sequence numbers of the facts applied now. */
  applied: number;
  /** Facts already received earlier under the same source and id. */
  duplicates: number;
  lastSeq: number;
}
