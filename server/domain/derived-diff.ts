import type { AlertView, DerivedChange, LiveDerived } from '../../protocol/index.js';

/**
 * What turns one derived view into the next (decision 60): alerts and capacity by key, the CCU
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
  const oldIndex = new Map(before.map((x, i) => [x, i]));
  const retained = after.filter((x) => oldIndex.has(x));
  const stays = new Set(longestIncreasing(retained, (x) => oldIndex.get(x)!));
  const drop = steps(before.flatMap((x, i) => (stays.has(x) ? [] : [i])));
  const positions = after.flatMap((x, i) => (stays.has(x) ? [] : [i]));
  const insertSteps = steps(positions);
  const insert = positions.map((i, n): [string, number] => [after[i]!, insertSteps[n]!]);
  return drop.length || insert.length ? { ...(drop.length ? { drop } : {}), ...(insert.length ? { insert } : {}) } : null;
}

/** Ascending positions as steps: the first from 0, each next from the one before (small numbers on the wire). */
const steps = (positions: readonly number[]) => positions.map((p, i) => (i === 0 ? p : p - positions[i - 1]!));

/** The items of the longest strictly increasing subsequence of `key` over `items` (patience sorting). */
function longestIncreasing<T>(items: readonly T[], key: (x: T) => number): T[] {
  const tails: number[] = []; // index into items of the smallest tail of each length
  const previous = new Array<number>(items.length).fill(-1);
  items.forEach((item, i) => {
    const k = key(item);
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(items[tails[mid]!]!) < k) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out: T[] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) out.push(items[i]!);
  return out.reverse();
}
