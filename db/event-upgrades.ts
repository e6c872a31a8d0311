import type { EventType } from '../protocol/index.js';

type Upgrade = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * How each stored event shape becomes the next: `UPGRADES[type][n]` takes format n to n + 1. A type
 * that has never changed shape has none and is at format 1. When an event's data schema changes,
 * add the step here (and a test with an event in the old shape): the log is never rewritten, old
 * events are upgraded as they are read, so a replay of any old log folds today's shapes.
 */
const UPGRADES: { readonly [T in EventType]?: readonly Upgrade[] } = {
  'officer.assigned': [
    // 1 → 2: where the move started. Format 1 kept only the suite an officer left; a move of an
    // officer who was not at a suite did not say where they were, so it reads "not recorded".
    ({ fromSuiteId, ...rest }) => ({
      ...rest,
      origin: typeof fromSuiteId === 'string' ? { kind: 'at_suite', suiteId: fromSuiteId } : { kind: 'not_recorded' },
    }),
  ],
};

/** The format events of this type are written in now. */
export function currentFormat(type: EventType): number {
  return (UPGRADES[type]?.length ?? 0) + 1;
}

/**
 * An event's data as written in `format`, in today's shape. A format from the future (a newer
 * version wrote this log) is refused rather than misread.
 */
export function upgradeData(type: EventType, format: number, data: unknown): unknown {
  const steps = UPGRADES[type] ?? [];
  const current = steps.length + 1;
  if (!Number.isInteger(format) || format < 1 || format > current)
    throw new Error(`The log holds a ${type} event in format ${format}; this version reads formats 1 to ${current}. Upgrade Nexus Live.`);
  let upgraded = data as Record<string, unknown>;
  for (const step of steps.slice(format - 1)) upgraded = step(upgraded);
  return upgraded;
}
