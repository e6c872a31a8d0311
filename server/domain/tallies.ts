import { londonDay, shiftDay, type CoverageFigures } from '../../protocol/index.js';
import { nonAttendanceOf, type CaseState } from './cases.js';

/**
 * Per suite and London day: the one count behind every coverage figure (recommendations 1–3).
 * Arrivals and checks count at the suite and day of arrival; non-attendances at the suite and day
 * of release. Kept incrementally: each case change removes the case's old contribution and adds
 * its new one, so late and reordered facts land in the right day.
 */
export interface DayTally {
  readonly arrivals: number;
  readonly checked: number;
  /** Sorted, for the median. */
  readonly minutesToCheck: readonly number[];
  readonly nonAttendances: number;
}

export type Tallies = Readonly<Record<string, DayTally>>;

/** Days of tallies and released cases kept in live state: a month's pack and then some. */
export const RETENTION_DAYS = 35;

const EMPTY: DayTally = { arrivals: 0, checked: 0, minutesToCheck: [], nonAttendances: 0 };

interface Contribution {
  arrival: { suiteId: string; day: string; minutesToCheck: number | null };
  nonAttendance: { suiteId: string; day: string } | null;
}

export function contributionOf(kase: CaseState): Contribution {
  const na = nonAttendanceOf(kase);
  return {
    arrival: {
      suiteId: kase.arrivalSuiteId,
      day: londonDay(kase.relevantTime),
      minutesToCheck: kase.check ? Math.max(0, Math.round((kase.check.at - kase.relevantTime) / 60_000)) : null,
    },
    nonAttendance: na && kase.released ? { suiteId: kase.suiteId, day: londonDay(kase.released.at) } : null,
  };
}

/** Adds (sign 1) or removes (sign -1) one case's contribution to one suite's tallies. */
export function adjustTallies(tallies: Tallies, suiteId: string, c: Contribution, sign: 1 | -1): Tallies {
  let next = tallies;
  // A day whose counts return to zero is dropped, so the same cases give the same tallies in any order.
  const update = (day: string, change: (t: DayTally) => DayTally) => {
    const t = change(next[day] ?? EMPTY);
    const { [day]: _old, ...rest } = next;
    next = t.arrivals === 0 && t.nonAttendances === 0 && t.checked === 0 ? rest : { ...rest, [day]: t };
  };
  if (c.arrival.suiteId === suiteId) {
    const minutes = c.arrival.minutesToCheck;
    update(c.arrival.day, (t) => ({
      ...t,
      arrivals: t.arrivals + sign,
      checked: t.checked + (minutes === null ? 0 : sign),
      minutesToCheck: minutes === null ? t.minutesToCheck : sign > 0 ? insertSorted(t.minutesToCheck, minutes) : removeOne(t.minutesToCheck, minutes),
    }));
  }
  if (c.nonAttendance && c.nonAttendance.suiteId === suiteId) {
    update(c.nonAttendance.day, (t) => ({ ...t, nonAttendances: t.nonAttendances + sign }));
  }
  return next;
}

/** Drops days more than RETENTION_DAYS before `newestDay`. */
export function pruneTallies(tallies: Tallies, newestDay: string): Tallies {
  if (!newestDay) return tallies;
  const cutoff = shiftDay(newestDay, -RETENTION_DAYS);
  if (Object.keys(tallies).every((d) => d >= cutoff)) return tallies;
  return Object.fromEntries(Object.entries(tallies).filter(([d]) => d >= cutoff));
}

/** Coverage figures for any set of day tallies: map, panel and report all use this. */
export function figuresOf(tallies: readonly DayTally[]): CoverageFigures {
  let arrivals = 0;
  let checked = 0;
  let nonAttendances = 0;
  const minutes: number[] = [];
  for (const t of tallies) {
    arrivals += t.arrivals;
    checked += t.checked;
    nonAttendances += t.nonAttendances;
    minutes.push(...t.minutesToCheck);
  }
  minutes.sort((a, b) => a - b);
  return {
    arrivals,
    checked,
    coveragePct: arrivals === 0 ? null : Math.round((checked / arrivals) * 1000) / 10,
    medianMinutesToCheck: median(minutes),
    nonAttendances,
  };
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}


function insertSorted(values: readonly number[], v: number): number[] {
  const out = [...values];
  let i = out.length;
  while (i > 0 && out[i - 1]! > v) i--;
  out.splice(i, 0, v);
  return out;
}

function removeOne(values: readonly number[], v: number): number[] {
  const i = values.indexOf(v);
  return i < 0 ? [...values] : [...values.slice(0, i), ...values.slice(i + 1)];
}
