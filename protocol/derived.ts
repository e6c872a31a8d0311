import { z } from 'zod';
import { Instant } from './ids.js';
import { AlertView, LiveDerived } from './views.js';

/**
 * The derived view (alerts, CCU queue, capacity) travels as changes (decision 60). Each scope's
 * view on a node is a feed: `feed` names it (the node's life and the scope), `version` counts its
 * changes. A change turns version n-1 into n; a `whole` view starts a screen at a version. A
 * screen that holds version n of feed f resumes with the changes after n, or a whole view when
 * the feed is another (another node, a restart) or n is too old.
 */

const Capacity = LiveDerived.shape.capacity.valueType;

export const DerivedChange = z
  .strictObject({
    at: Instant,
    alerts: z
      .strictObject({ set: z.array(AlertView).optional(), drop: z.array(z.string()).optional() })
      .optional()
      .describe('Alerts new or changed (replaced by id), and ids of alerts no longer in force.'),
    capacity: z
      .strictObject({ set: z.array(z.tuple([z.string(), Capacity])).optional(), drop: z.array(z.string()).optional() })
      .optional(),
    queue: z
      .strictObject({
        drop: z.array(z.string()).optional(),
        insert: z
          .array(z.tuple([z.string(), z.string().nullable()]))
          .optional()
          .describe('[custody reference, the one it follows in the new queue (null: first)], in queue order.'),
      })
      .optional()
      .describe('The CCU queue as list edits: drop, then insert each after its predecessor.'),
  })
  .describe('What changed in a scope\'s derived view since the version before.');
export type DerivedChange = z.infer<typeof DerivedChange>;

export const DerivedUpdate = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('whole'), feed: z.string(), version: z.number().int().min(0), view: LiveDerived }),
  z.strictObject({ kind: z.literal('change'), feed: z.string(), version: z.number().int().min(1), change: DerivedChange }),
]);
export type DerivedUpdate = z.infer<typeof DerivedUpdate>;

/** Where a screen's derived view stands: sent with a hello so the server can send only what it missed. */
export const DerivedCursor = z.strictObject({ feed: z.string().max(64), version: z.number().int().min(0) });
export type DerivedCursor = z.infer<typeof DerivedCursor>;

/** The one order of alerts on every screen: when the condition began, then id (code units, not locale). */
export function compareAlerts(a: Pick<AlertView, 'since' | 'id'>, b: Pick<AlertView, 'since' | 'id'>): number {
  return a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Applies one change to a derived view: a pure fold, the same on server tests and screens.
 * Returns null when the change does not fit the view (a queue edit after an unknown reference):
 * the screen then asks for the whole view again.
 */
export function applyDerivedChange(view: LiveDerived, change: DerivedChange): LiveDerived | null {
  const queue = change.queue ? applyListEdits(view.ccuQueue, change.queue.drop ?? [], change.queue.insert ?? []) : view.ccuQueue;
  if (!queue) return null;
  return { at: change.at, alerts: change.alerts ? applyAlerts(view.alerts, change.alerts) : view.alerts, ccuQueue: queue, capacity: change.capacity ? applyCapacity(view.capacity, change.capacity) : view.capacity };
}

function applyAlerts(alerts: readonly AlertView[], edit: NonNullable<DerivedChange['alerts']>): AlertView[] {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  for (const id of edit.drop ?? []) byId.delete(id);
  for (const a of edit.set ?? []) byId.set(a.id, a);
  return [...byId.values()].sort(compareAlerts);
}

function applyCapacity(capacity: LiveDerived['capacity'], edit: NonNullable<DerivedChange['capacity']>): LiveDerived['capacity'] {
  // Through a Map: a suite id is never used to index a plain object (fromEntries defines own keys).
  const bySuite = new Map(Object.entries(capacity));
  for (const id of edit.drop ?? []) bySuite.delete(id);
  for (const [id, c] of edit.set ?? []) bySuite.set(id, c);
  return Object.fromEntries(bySuite);
}

/**
 * Drops, then inserts each item after the one it follows in the new list. Inserts come in list
 * order, so each one's predecessor is an item kept or an insert already placed.
 */
export function applyListEdits(list: readonly string[], drop: readonly string[], insert: readonly (readonly [string, string | null])[]): string[] | null {
  const dropped = new Set(drop);
  const kept = list.filter((x) => !dropped.has(x));
  if (kept.length + drop.length !== list.length) return null;
  const follower = new Map<string | null, string>();
  const present = new Set(kept);
  for (const [item, after] of insert) {
    if (present.has(item) || follower.has(after) || (after !== null && !present.has(after))) return null;
    follower.set(after, item);
    present.add(item);
  }
  const out: string[] = [];
  const place = (from: string | null) => {
    for (let next = follower.get(from); next !== undefined; next = follower.get(next)) out.push(next);
  };
  place(null);
  for (const item of kept) {
    out.push(item);
    place(item);
  }
  return out;
}

/** A screen's derived view and the version of which feed it is. */
export interface HeldDerived {
  cursor: DerivedCursor;
  view: LiveDerived;
}

/**
 * One update on top of what a screen holds: the new holding; 'stale' for a version it already
 * has; null when the update does not follow (another feed, a missed version, a change that does
 * not fit): the screen then says hello again.
 */
export function foldDerivedUpdate(held: HeldDerived | null, update: DerivedUpdate): HeldDerived | 'stale' | null {
  if (update.kind === 'whole') return { cursor: { feed: update.feed, version: update.version }, view: update.view };
  if (!held || held.cursor.feed !== update.feed) return null;
  if (update.version <= held.cursor.version) return 'stale';
  if (update.version !== held.cursor.version + 1) return null;
  const view = applyDerivedChange(held.view, update.change);
  return view ? { cursor: { feed: update.feed, version: update.version }, view } : null;
}
