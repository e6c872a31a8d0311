import type { AlertView, DerivedChange, LiveDerived } from '../../protocol/index.js';
import { longestIncreasing } from '../../protocol/longest-increasing.js';

/**
 * What turns one derived view into the next (decision 58): alerts and capacity by key, the CCU
 * queue as list edits. A change that only moves `at` (when the view was worked out) is a few
 * bytes and keeps "worked out at" true on a quiet screen; null only for the very same view.
 * `applyDerivedChange(before, diffDerived(before, after))` equals `after`.
 */
export function diffDerived(before: LiveDerived, after: LiveDerived): DerivedChange | null {
  const change: DerivedChange = { at: after.at };
  const alerts = diffAlerts(before.alerts, after.alerts);
  if (alerts) change.alerts = alerts;
  const capacity = diffCapacity(before.capacity, after.capacity);
  if (capacity) change.capacity = capacity;
  const queue = diffList(before.ccuQueue, after.ccuQueue);
  if (queue) change.queue = queue;
  return alerts || capacity || queue || after.at !== before.at ? change : null;
}

function diffAlerts(before: readonly AlertView[], after: readonly AlertView[]): DerivedChange['alerts'] | null {
  const old = new Map(before.map((a) => [a.id, a]));
  const set: AlertView[] = [];
  const patch: NonNullable<NonNullable<DerivedChange['alerts']>['patch']> = [];
  for (const a of after) {
    const was = old.get(a.id);
    if (!was) set.push(a);
    else {
      const changed = changedFields(was, a);
      if (changed) patch.push(changed);
    }
  }
  const ids = new Set(after.map((a) => a.id));
  const drop = before.filter((a) => !ids.has(a.id)).map((a) => a.id);
  if (!set.length && !patch.length && !drop.length) return null;
  return { ...(set.length ? { set } : {}), ...(patch.length ? { patch } : {}), ...(drop.length ? { drop } : {}) };
}

/** The id and the fields of `b` that differ from `a` (alerts are rebuilt on every computation: compare values); null if none. */
function changedFields(a: AlertView, b: AlertView): (Partial<AlertView> & { id: string }) | null {
  const out: Partial<AlertView> & { id: string } = { id: b.id };
  let any = false;
  const x = a.acknowledged;
  const y = b.acknowledged;
  if (!(x === y || (x !== null && y !== null && x.by === y.by && x.at === y.at && x.note === y.note))) {
    out.acknowledged = y;
    any = true;
  }
  for (const key of ['kind', 'suiteId', 'custodyRef', 'message', 'since'] as const) {
    if (a[key] !== b[key]) {
      (out as Record<string, unknown>)[key] = b[key];
      any = true;
    }
  }
  return any ? out : null;
}

function diffCapacity(before: LiveDerived['capacity'], after: LiveDerived['capacity']): DerivedChange['capacity'] | null {
  const old = new Map(Object.entries(before));
  const now = new Map(Object.entries(after));
  const set = [...now]
    .filter(([id, c]) => {
      const o = old.get(id);
      return !o || o.officers !== c.officers || o.queue !== c.queue || o.canClear !== c.canClear;
    })
    .map(([id, c]): [string, number, number, number] => [id, c.officers, c.queue, c.canClear]);
  const drop = [...old.keys()].filter((id) => !now.has(id));
  return set.length || drop.length ? { ...(set.length ? { set } : {}), ...(drop.length ? { drop } : {}) } : null;
}

/**
 * List edits from `before` to `after` (items unique): the items that keep their relative order
 * are the longest increasing run of their old positions; every other item of `before` is
 * dropped (by position) and every other item of `after` inserted (at its position). O(n log n).
 */
export function diffList(before: readonly string[], after: readonly string[]): NonNullable<DerivedChange['queue']> | null {
  if (before.length === after.length && before.every((x, i) => x === after[i])) return null; // the usual second: nothing moved
  const oldIndex = new Map<string, number>();
  before.forEach((x, i) => oldIndex.set(x, i));
  const newOld = new Int32Array(after.length).fill(-1); // each new item's old position, or -1
  const retained: number[] = []; // old positions of the items still there, in their new order
  after.forEach((x, i) => {
    const at = oldIndex.get(x);
    if (at === undefined) return;
    newOld[i] = at;
    retained.push(at);
  });
  const stays = new Uint8Array(before.length); // 1: the item at this old position keeps its place
  for (const at of longestIncreasing(retained)) stays[at] = 1;
  const dropped: number[] = [];
  for (let i = 0; i < before.length; i++) if (!stays[i]) dropped.push(i);
  const positions: number[] = [];
  for (let i = 0; i < after.length; i++) if (newOld[i] === -1 || !stays[newOld[i]!]) positions.push(i);
  const drop = steps(dropped);
  const insertSteps = steps(positions);
  const insert = positions.map((i, n): [string, number] => [after[i]!, insertSteps[n]!]);
  return drop.length || insert.length ? { ...(drop.length ? { drop } : {}), ...(insert.length ? { insert } : {}) } : null;
}

/** Ascending positions as steps: the first from 0, each next from the one before (small numbers on the wire). */
const steps = (positions: readonly number[]) => positions.map((p, i) => (i === 0 ? p : p - positions[i - 1]!));
