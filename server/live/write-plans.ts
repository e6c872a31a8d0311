import type { DomainEvent, IngestBatch, IngestResult, ProtocolError } from '../../protocol/index.js';
import type { StoredSourceEvent } from '../../db/store.js';
import type { State } from '../domain/index.js';

/** A fact about to be stored: the event, and who and where it came from. */
export type Pending = DomainEvent & { at: number; actor: string; source: string; sourceEventId: string | null };

/** What a write will store, and how to answer its sender once stored (given the last seq and count). */
export type Plan<R = unknown> =
  | { ok: true; pending: Pending[]; answer: (lastSeq: number, applied: number) => R }
  | { ok: false; error: ProtocolError };

/**
 * A write's decision: pure, on the state it will be applied to. `sourceIdsInGroup` holds the feed
 * ids of earlier writes in the same group commit (not yet in the log), so a retry that arrives
 * while its first attempt is still being written is recognised too.
 */
export type Planner<R = unknown> = (state: State, now: number, sourceIdsInGroup: Map<string, string>) => Plan<R>;

const fingerprint = (type: string, at: number, data: string) => `${type}|${at}|${data}`;
const fail = (code: ProtocolError['code'], message: string): { ok: false; error: ProtocolError } => ({ ok: false, error: { code, message } });

/**
 * A feed batch as a plan: every fact not seen before, in order. The same source and id again is a
 * retry if it is the same fact (counted as a duplicate) and a conflict if it is not.
 */
export function planIngest(
  batch: IngestBatch,
  actor: string,
  known: ReadonlyMap<string, StoredSourceEvent>,
  maxSkewMs: number,
): Planner<IngestResult> {
  return (_state, now, sourceIdsInGroup) => {
    const seenHere = new Map<string, string>();
    const pending: Pending[] = [];
    let duplicates = 0;
    const latest = now + maxSkewMs;
    for (const [index, item] of batch.events.entries()) {
      const at = Date.parse(item.at);
      if (at > latest) return fail('invalid_input', `events[${index}].at is in the future (${item.at}).`);
      const print = fingerprint(item.type, at, JSON.stringify(item.data));
      const groupKey = `${batch.source}\u0000${item.id}`;
      const earlier = known.get(item.id);
      const earlierPrint = earlier ? fingerprint(earlier.type, earlier.at, earlier.data) : (seenHere.get(item.id) ?? sourceIdsInGroup.get(groupKey));
      if (earlierPrint !== undefined) {
        if (earlierPrint !== print) return fail('duplicate_id', `events[${index}]: id ${item.id} was already used for a different fact.`);
        duplicates++;
        continue;
      }
      seenHere.set(item.id, print);
      pending.push({ type: item.type, data: item.data, at, actor, source: batch.source, sourceEventId: item.id } as Pending);
    }
    // Only once the batch is accepted do its ids count for later writes in the group.
    for (const [id, print] of seenHere) sourceIdsInGroup.set(`${batch.source}\u0000${id}`, print);
    return { ok: true, pending, answer: (lastSeq, applied) => ({ applied, duplicates, lastSeq }) };
  };
}
