import { IngestBatch, IngestResult } from '../ingest.js';
import { route } from './route.js';

/** What feeds call: see docs/feeds.md for a worked example. */
export const FEED_ROUTES = {
  'POST /api/ingest': route({
    tag: 'Feeds',
    summary: "A feed's batch of facts, all or nothing",
    description:
      'At most 500 facts and 256 KB. Sending the same source and id with the same body again is acknowledged as a duplicate and not applied twice; the same id with a different body is refused (409 duplicate_id). One refused fact refuses the whole batch.',
    access: 'ingest-key',
    body: IngestBatch,
    response: IngestResult,
    refusals: [
      'payload_too_large',
      'duplicate_id',
      'unknown_case',
      'duplicate_case',
      'case_released',
      'already_checked',
      'unknown_suite',
      'unknown_officer',
      'suite_closed',
      'impossible_transition',
      'forbidden',
    ],
  }),
};
