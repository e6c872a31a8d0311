import { londonDayHour, type LoggedEvent } from '../../protocol/index.js';
import type { State } from './state.js';

const HOUR = 3_600_000;
/** The log's event types the review reads: arrivals, and where officers were. */
export const REVIEW_EVENT_TYPES = ['arrest.booked', 'officer.rostered', 'officer.assigned', 'officer.arrived'] as const;

export interface SuiteReview {
  suiteId: string;
  name: string;
  region: string;
  /** FN arrivals per hour of the week (0 = Monday 00:00–00:59, London), over the period. */
  demand: number[];
  /** Officer-hours spent at the suite per hour of the week, over the period. */
  officerHours: number[];
}

/**
 * Recommendation 2.2 of the inspection: review footfall against resource. From the log over a
 * period, arrivals and officer presence per suite by hour of the week, so a heat map shows
 * where demand and staffing do not match.
 */
export function footfallReview(state: State, events: readonly LoggedEvent[], fromAt: number, toAt: number): SuiteReview[] {
  const reviews = new Map<string, SuiteReview>();
  const review = (suiteId: string) => {
    let r = reviews.get(suiteId);
    if (!r) {
      const suite = state.suites.get(suiteId);
      r = { suiteId, name: suite?.name ?? suiteId, region: suite?.region ?? '', demand: new Array(168).fill(0), officerHours: new Array(168).fill(0) };
      reviews.set(suiteId, r);
    }
    return r;
  };
  // Where each officer is (a suite) and since when, as the log tells it.
  const at = new Map<string, { suiteId: string; since: number }>();
  const leave = (officerId: string, until: number) => {
    const stay = at.get(officerId);
    if (stay) addPresence(review(stay.suiteId).officerHours, Math.max(stay.since, fromAt), Math.min(until, toAt));
    at.delete(officerId);
  };
  for (const e of events) {
    switch (e.type) {
      case 'arrest.booked':
        if (e.data.relevantTime >= fromAt && e.data.relevantTime < toAt) review(e.data.suiteId).demand[hourOfWeek(e.data.relevantTime)]! += 1;
        break;
      case 'officer.arrived':
        leave(e.data.officerId, e.at);
        at.set(e.data.officerId, { suiteId: e.data.suiteId, since: e.at });
        break;
      case 'officer.assigned':
      case 'officer.rostered':
        leave(e.data.officerId, e.at);
        break;
      default:
        break;
    }
  }
  for (const officerId of [...at.keys()]) leave(officerId, toAt);
  for (const suite of state.suites.values()) if (suite.open) review(suite.id);
  return [...reviews.values()].sort((a, b) => sum(b.demand) - sum(a.demand) || a.name.localeCompare(b.name));
}

/** Monday 00:00 London = 0 … Sunday 23:00 = 167. */
export function hourOfWeek(at: number): number {
  const { day, hour } = londonDayHour(at);
  const weekday = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
  return weekday * 24 + hour;
}

/** Adds the hours of [from, to) to their hour-of-week buckets, splitting at hour boundaries. */
function addPresence(buckets: number[], from: number, to: number): void {
  for (let t = from; t < to; ) {
    const next = Math.min(to, (Math.floor(t / HOUR) + 1) * HOUR);
    buckets[hourOfWeek(t)]! += (next - t) / HOUR;
    t = next;
  }
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
