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
  const set = after.filter((a) => !sameAlert(old.get(a.id), a));
  const ids = new Set(after.map((a) => a.id));
  const drop = before.filter((a) => !ids.has(a.id)).map((a) => a.id);
  return set.length || drop.length ? { ...(set.length ? { set } : {}), ...(drop.length ? { drop } : {}) } : null;
}

/** Alerts are rebuilt on every computation: compare the fields, not the objects. */
function sameAlert(a: AlertView | undefined, b: AlertView): boolean {
  if (!a) return false;
  const x = a.acknowledged;
  const y = b.acknowledged;
  const sameAck = x === y || (x !== null && y !== null && x.by === y.by && x.at === y.at && x.note === y.note);
  return sameAck && a.kind === b.kind && a.suiteId === b.suiteId && a.custodyRef === b.custodyRef && a.message === b.message && a.since === b.since;
}

function diffCapacity(before: LiveDerived['capacity'], after: LiveDerived['capacity']): DerivedChange['capacity'] | null {
  const old = new Map(Object.entries(before));
  const now = new Map(Object.entries(after));
  const set = [...now].filter(([id, c]) => {
    const o = old.get(id);
    return !o || o.officers !== c.officers || o.queue !== c.queue || o.canClear !== c.canClear;
  });
  const drop = [...old.keys()].filter((id) => !now.has(id));
  return set.length || drop.length ? { ...(set.length ? { set } : {}), ...(drop.length ? { drop } : {}) } : null;
}

/**
 * List edits from `before` to `after` (items unique): the items that keep their relative order
 * are the longest increasing run of their old positions; every other item of `after` is
 * inserted after its predecessor, every other item of `before` dropped. O(n log n).
 */
export function diffList(before: readonly string[], after: readonly string[]): NonNullable<DerivedChange['queue']> | null {
  const oldIndex = new Map(before.map((x, i) => [x, i]));
  const retained = after.filter((x) => oldIndex.has(x));
  const stays = new Set(longestIncreasing(retained, (x) => oldIndex.get(x)!));
  const drop = before.filter((x) => !stays.has(x));
  const insert: [string, string | null][] = [];
  after.forEach((x, i) => {
    if (!stays.has(x)) insert.push([x, i === 0 ? null : after[i - 1]!]);
  });
  return drop.length || insert.length ? { ...(drop.length ? { drop } : {}), ...(insert.length ? { insert } : {}) } : null;
}

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
