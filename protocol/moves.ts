import { travelMs, type Point } from './geo.js';

/** A move longer than this on the road needs a reason (the dialog asks; the server refuses without one). */
export const LONG_MOVE_MS = 90 * 60_000;

/** Why a move must be explained before it is made, or null when it need not be. */
export type ReasonNeeded = 'long' | 'cross_region' | null;

type Placed = Point & { region: string };

/**
 * A long journey or a move into another region takes an officer away from where they are
 * expected, so whoever sends them says why. Shared by the reassign dialog and `decideAssign`, so
 * the screen asks exactly when the server would refuse.
 */
export function reasonNeeded(officer: Placed, suite: Placed): ReasonNeeded {
  if (officer.region !== suite.region) return 'cross_region';
  return travelMs(officer, suite, officer.region) > LONG_MOVE_MS ? 'long' : null;
}

export const REASON_NEEDED_MESSAGE: Record<Exclude<ReasonNeeded, null>, string> = {
  long: 'A move of more than 90 minutes on the road needs a reason.',
  cross_region: 'A move into another region needs a reason.',
};
