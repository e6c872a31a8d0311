import { OFFICER_STATUS_LABEL } from '../../protocol/constants.js';
import { reasonNeeded, REASON_NEEDED_MESSAGE, type OfficerView, type SuiteView } from '../../protocol/index.js';
import { timeHM } from './format.js';
import { travelMinutes } from './travel.js';

type SuiteName = (id: string | null) => string;

/** "at Brixton", "on the way to Croydon", "available". */
export function whereabouts(o: OfficerView, suiteName: SuiteName): string {
  if (o.status === 'at_suite') return `at ${suiteName(o.suiteId)}`;
  if (o.status === 'travelling') return `on the way to ${suiteName(o.suiteId)}`;
  return OFFICER_STATUS_LABEL[o.status].toLowerCase();
}

/** A choice in the dialog with the road estimate that orders it. */
export interface ByTravel<T> {
  item: T;
  minutes: number;
}

/** Items nearest first by road (ties by their name), with the minutes that order them. */
function byTravel<T>(items: Iterable<T>, minutesOf: (item: T) => number, name: (item: T) => string): ByTravel<T>[] {
  return [...items]
    .map((item) => ({ item, minutes: minutesOf(item) }))
    .sort((a, b) => a.minutes - b.minutes || name(a.item).localeCompare(name(b.item), 'en-GB'));
}

/** On-duty officers, nearest first by road to the chosen suite: who could get there soonest. */
export const officersByTravel = (officers: Iterable<OfficerView>, suite: SuiteView): ByTravel<OfficerView>[] =>
  byTravel([...officers].filter((o) => o.status !== 'off_duty'), (o) => travelMinutes(o, suite), (o) => o.id);

/** Open suites, nearest first by road from the chosen officer. */
export const suitesByTravel = (suites: Iterable<SuiteView>, officer: OfficerView): ByTravel<SuiteView>[] =>
  byTravel([...suites].filter((s) => s.open), (s) => travelMinutes(officer, s), (s) => s.name);

/** Why this move must be explained, as the server will say it, or null (protocol/moves.ts). */
export function reasonRequired(officer: OfficerView | undefined, suite: SuiteView | undefined): string | null {
  if (!officer || !suite) return null;
  const needed = reasonNeeded(officer, suite);
  return needed ? REASON_NEEDED_MESSAGE[needed] : null;
}

/**
 * The line a duty manager reads before confirming: "Send MET-IO-03 from Brixton to Croydon, about
 * 24 min: ETA 14:32". The ETA is the server's estimate from now (the same function it uses).
 */
export function moveSummary(officer: OfficerView | undefined, suite: SuiteView | undefined, suiteName: SuiteName, now: number): string {
  if (!officer || !suite) return 'Choose an officer and a destination.';
  // Only a hint: the server decides, and its refusal is shown in the dialog (one set of rules).
  if (officer.suiteId === suite.id) return `${officer.id} is already ${whereabouts(officer, suiteName)}.`;
  const from =
    officer.status === 'at_suite'
      ? `from ${suiteName(officer.suiteId)}`
      : officer.status === 'travelling'
        ? `(now ${whereabouts(officer, suiteName)})`
        : 'from where they are';
  const minutes = travelMinutes(officer, suite);
  return `Send ${officer.id} ${from} to ${suite.name}, about ${journey(minutes)}: ETA ${timeHM(now + minutes * 60_000)}`;
}

/** "24 min", "1 h 05 min". */
export function journey(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
