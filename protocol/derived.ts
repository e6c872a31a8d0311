import { z } from 'zod';
import { gunzipSync, strFromU8 } from 'fflate';
import { Instant } from './ids.js';
import { AlertView, LiveDerived } from './views.js';

/**
 * The derived view (alerts, CCU queue, capacity) travels as changes (decision 58). Each scope's
 * view on a node is a feed: `feed` names it (the node's life and the scope), `version` counts its
 * changes. A change turns version n-1 into n; a `whole` view starts a screen at a version. A
 * screen that holds version n of feed f resumes with the changes after n, or a whole view when
 * the feed is another (another node, a restart) or n is too old.
 */

const Count = z.number().int().min(0);

export const DerivedChange = z
  .strictObject({
    at: Instant,
    alerts: z
      .strictObject({
        set: z.array(AlertView).optional().describe('Alerts new in force, whole.'),
        patch: z
          .array(AlertView.partial().required({ id: true }))
          .optional()
          .describe('Alerts still in force whose fields changed: the id and only those fields (an overload\'s `since` moves often).'),
        drop: z.array(z.string()).optional().describe('Ids of alerts no longer in force.'),
      })
      .optional(),
    capacity: z
      .strictObject({
        set: z.array(z.tuple([z.string(), Count, Count, Count])).optional().describe('[suite, officers, queue, canClear]: a tuple, as dozens change every second.'),
        drop: z.array(z.string()).optional(),
      })
      .optional(),
    queue: z
      .strictObject({
        drop: z.array(Count).optional().describe('Positions in the old queue, ascending, each as the step from the one before (the first from 0).'),
        insert: z
          .array(z.tuple([z.string(), Count]))
          .optional()
          .describe('[custody reference, its position in the new queue as the step from the one inserted before (the first from 0)], ascending.'),
      })
      .optional()
      .describe('The CCU queue as list edits by position: drop, then insert; items neither dropped nor inserted keep their order.'),
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
  const alerts = change.alerts ? applyAlerts(view.alerts, change.alerts) : view.alerts;
  if (!queue || !alerts) return null;
  return { at: change.at, alerts, ccuQueue: queue, capacity: change.capacity ? applyCapacity(view.capacity, change.capacity) : view.capacity };
}

function applyAlerts(alerts: readonly AlertView[], edit: NonNullable<DerivedChange['alerts']>): AlertView[] | null {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  for (const id of edit.drop ?? []) byId.delete(id);
  for (const a of edit.set ?? []) byId.set(a.id, a);
  for (const p of edit.patch ?? []) {
    const known = byId.get(p.id);
    if (!known) return null;
    byId.set(p.id, { ...known, ...p });
  }
  return [...byId.values()].sort(compareAlerts);
}

function applyCapacity(capacity: LiveDerived['capacity'], edit: NonNullable<DerivedChange['capacity']>): LiveDerived['capacity'] {
  // Through a Map: a suite id is never used to index a plain object (fromEntries defines own keys).
  const bySuite = new Map(Object.entries(capacity));
  for (const id of edit.drop ?? []) bySuite.delete(id);
  for (const [id, officers, queue, canClear] of edit.set ?? []) bySuite.set(id, { officers, queue, canClear });
  return Object.fromEntries(bySuite);
}

/**
 * Drops the items at the given positions of `list`, then places each insert at its position in
 * the new list; the other items fill the rest in their order. Positions are steps (see the
 * schema). Null if a position is out of range or the steps go backwards. One pass and one new
 * list: a screen folds a national CCU queue of hundreds every second.
 */
export function applyListEdits(list: readonly string[], dropSteps: readonly number[], insertSteps: readonly (readonly [string, number])[]): string[] | null {
  let at = -1;
  for (let i = 0; i < dropSteps.length; i++) {
    const step = dropSteps[i]!;
    at = i === 0 ? step : at + step;
    if (step < (i === 0 ? 0 : 1) || at >= list.length) return null;
  }
  const kept = list.length - dropSteps.length;
  const out: string[] = [];
  // The old list's next item to look at, and the next position to drop (-1: none left).
  let from = 0;
  let d = 0;
  let drop = dropSteps.length > 0 ? dropSteps[0]! : -1;
  const fill = (length: number) => {
    while (out.length < length) {
      while (from === drop) {
        from++;
        drop = ++d < dropSteps.length ? drop + dropSteps[d]! : -1;
      }
      out.push(list[from++]!);
    }
  };
  at = -1;
  for (let i = 0; i < insertSteps.length; i++) {
    const [item, step] = insertSteps[i]!;
    at = i === 0 ? step : at + step;
    // `out` holds i inserts and out.length - i kept items: the rest must reach this position.
    if (step < (i === 0 ? 0 : 1) || at - out.length > kept - (out.length - i)) return null;
    fill(at);
    out.push(item);
  }
  fill(kept + insertSteps.length);
  return out;
}

/**
 * A broadcast update as it crosses the network: the gzip of its JSON, a binary attachment made
 * once per scope and sent to every socket of the room (decision 58). A national change is a few
 * KB of custody references and suite ids, which gzip to about a third.
 */
export type PackedDerivedUpdate = ArrayBuffer | Uint8Array;

/**
 * Opens a broadcast update in the same task it arrived in. A national change is a few KB: a
 * synchronous inflate takes tens of microseconds, where the platform's DecompressionStream costs a
 * Blob (registered with the browser process), a stream and a promise per message, ≈1.2 ms of a
 * screen's main thread a second (measure 6). Throws on bytes that are not a gzip of JSON.
 */
export function openDerivedUpdate(gzip: PackedDerivedUpdate): DerivedUpdate {
  const bytes = gzip instanceof Uint8Array ? gzip : new Uint8Array(gzip);
  return JSON.parse(strFromU8(gunzipSync(bytes))) as DerivedUpdate;
}

/**
 * A hello reply's derived part: the changes a screen missed as JSON (small), or the view whole,
 * packed like a broadcast update once per scope and version and shared by every screen that
 * needs it (a screen new to this feed: another node, a restarted one, or no cursor).
 */
export type HelloDerived = DerivedUpdate[] | PackedDerivedUpdate;

/** A hello reply's derived part as updates to fold, in order. */
export function openHelloDerived(derived: HelloDerived): DerivedUpdate[] {
  return Array.isArray(derived) ? derived : [openDerivedUpdate(derived)];
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
