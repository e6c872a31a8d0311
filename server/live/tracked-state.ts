import type { State } from '../domain/index.js';

interface Change<K, V> {
  key: K;
  had: boolean;
  before: V | undefined;
}

/**
 * A Map that can record what a batch changed in it, so the batch can be taken back and put again.
 * Entities are immutable values, so "what changed" is only which keys were set or deleted.
 */
export class TrackedMap<K, V> extends Map<K, V> {
  #log: Map<K, Change<K, V>> | null = null;

  // The Map constructor would call the overridden `set` before `#log` exists, so fill it after.
  constructor(entries?: Iterable<readonly [K, V]>) {
    super();
    if (entries) for (const [k, v] of entries) super.set(k, v);
  }

  override set(key: K, value: V): this {
    this.#remember(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.#remember(key);
    return super.delete(key);
  }

  override clear(): void {
    for (const key of this.keys()) this.#remember(key);
    super.clear();
  }

  startTracking(): void {
    this.#log = new Map();
  }

  /** Stops recording; returns how to undo and redo what was recorded. */
  stopTracking(): { undo: () => void; redo: () => void } {
    const changes = [...(this.#log?.values() ?? [])];
    this.#log = null;
    const after = changes.map(({ key }) => ({ key, has: super.has(key), value: super.get(key) }));
    return {
      undo: () => changes.forEach((c) => put(this, c.key, c.had, c.before)),
      redo: () => after.forEach((c) => put(this, c.key, c.has, c.value)),
    };
  }

  #remember(key: K): void {
    if (this.#log && !this.#log.has(key)) this.#log.set(key, { key, had: super.has(key), before: super.get(key) });
  }
}

/** Writes without recording: undo and redo run after tracking has stopped. */
function put<K, V>(map: Map<K, V>, key: K, present: boolean, value: V | undefined): void {
  if (present) Map.prototype.set.call(map, key, value as V);
  else Map.prototype.delete.call(map, key);
}

/** The state with every map replaced by a TrackedMap (done once, when the engine opens). */
export function trackable(state: State): State {
  const copy = { ...state } as Record<string, unknown>;
  for (const [name, value] of Object.entries(copy)) if (value instanceof Map) copy[name] = new TrackedMap(value);
  return copy as unknown as State;
}

/** What one application changed: put it again, or (once put) take it back. Both O(changes). */
export interface Recorded<T> {
  result: T;
  redo: () => void;
  undo: () => void;
}

/**
 * Runs `apply` on the state, recording everything it does (map entries and top-level fields), then
 * takes it all back, even if `apply` throws; `redo` puts it again in O(changes), `undo` takes it
 * back again. The engine applies writes this way before the log is written, so nobody can see a
 * fact the log does not hold; a group of writes is put one after another and taken back in
 * reverse order.
 */
export function applyThenUndo<T>(state: State, apply: () => T): Recorded<T> {
  const fields = state as unknown as Record<string, unknown>;
  const values = Object.values(fields);
  const maps = values.filter((v): v is TrackedMap<unknown, unknown> => v instanceof TrackedMap);
  if (maps.length !== values.filter((v) => v instanceof Map).length) throw new Error('applyThenUndo: the state has an untracked map');
  const before = { ...fields };
  maps.forEach((m) => m.startTracking());
  let result: T;
  let after: Record<string, unknown>;
  let changes: { undo: () => void; redo: () => void }[];
  try {
    result = apply();
  } finally {
    after = { ...fields };
    changes = maps.map((m) => m.stopTracking());
    changes.forEach((c) => c.undo());
    Object.assign(fields, before);
  }
  return {
    result,
    redo: () => {
      changes.forEach((c) => c.redo());
      Object.assign(fields, after);
    },
    undo: () => {
      changes.forEach((c) => c.undo());
      Object.assign(fields, before);
    },
  };
}
