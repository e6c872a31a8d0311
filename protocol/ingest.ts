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

export const IngestResult = z
  .strictObject({
    applied: z.number().int().min(0).describe('How many facts were applied now.'),
    duplicates: z.number().int().min(0).describe('Facts already received earlier under the same source and id (acknowledged, not applied again).'),
    lastSeq: z.number().int().min(0).describe('The log\'s sequence number after this batch.'),
  })
  .describe('What a batch did: all of it applied, or recognised as already received.');
export type IngestResult = z.infer<typeof IngestResult>;
