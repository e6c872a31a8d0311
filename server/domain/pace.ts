/**
 * The PACE clock (England and Wales) and its Scottish equivalent. Deadlines are instants
 * (relevant time + hours), so a BST change in between moves the wall-clock time shown, never the
 * length of detention.
 */
const HOUR = 3_600_000;

export interface DetentionLimits {
  /** Detention without charge, before any extension. */
  baseHours: number;
  /** The most any extension can reach. */
  maxHours: number;
}

/** Scotland: 12 h, extendable to 24 (Criminal Justice (Scotland) Act 2016); elsewhere PACE 24 h, 36 h, 96 h. */
export function detentionLimits(region: string): DetentionLimits {
  return region === 'Police Scotland' ? { baseHours: 12, maxHours: 24 } : { baseHours: 24, maxHours: 96 };
}

export function paceDeadline(relevantTime: number, limitHours: number): number {
  return relevantTime + limitHours * HOUR;
}

/** Milliseconds of detention left at `now` (negative once the clock has run out). */
export function paceLeftMs(relevantTime: number, limitHours: number, now: number): number {
  return paceDeadline(relevantTime, limitHours) - now;
}
