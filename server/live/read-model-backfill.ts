import type { EventStore } from '../../db/store.js';
import { foldForRecords, initialState, type CaseRecord, type Reference } from '../domain/index.js';
import { silentLogger, type Logger } from '../log.js';

const PAGE = 10_000;

/**
 * Brings the reports' read models up to the log on a database written before them (or by a node
 * that did not write them): folds the whole log from its first fact with the same reducer as the
 * live state and writes each page's changed cases with the page's position. Nothing to do when
 * the position has reached the log's end, which every append keeps true. Safe to run on two nodes
 * at once and alongside live appends: a record never replaces one folded from a later fact.
 */
export async function backfillReadModels(store: EventStore, reference: Reference, log: Logger = silentLogger): Promise<number> {
  const [position, last] = await Promise.all([store.readModelPosition(), store.lastSeq()]);
  if (position >= last) return 0;
  log.info('read_models.backfill_started', { position, last });
  const state = initialState(reference);
  let cases = 0;
  for (let after = 0; ; ) {
    const events = await store.eventsAfter(after, PAGE);
    if (events.length === 0) break;
    const records = new Map<string, CaseRecord>();
    for (const event of events) for (const r of foldForRecords(state, event)) records.set(r.custodyRef, r);
    const to = events.at(-1)!.seq;
    await store.writeReadModels({ cases: [...records.values()] }, after, to);
    cases += records.size;
    after = to;
    if (events.length < PAGE) break;
  }
  log.info('read_models.backfill_done', { upTo: state.seq, records: cases });
  return cases;
}
