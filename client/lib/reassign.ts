import { OFFICER_STATUS_LABEL } from '../../protocol/constants.js';
import type { OfficerView, SuiteView } from '../../protocol/index.js';
import { travelMinutes } from './travel.js';

type SuiteName = (id: string | null) => string;

/** "at Brixton", "on the way to Croydon", "available". */
export function whereabouts(o: OfficerView, suiteName: SuiteName): string {
  if (o.status === 'at_suite') return `at ${suiteName(o.suiteId)}`;
  if (o.status === 'travelling') return `on the way to ${suiteName(o.suiteId)}`;
  return OFFICER_STATUS_LABEL[o.status].toLowerCase();
}

/** The line a duty manager reads before confirming: "Send MET-IO-03 from Brixton to Croydon, about 24 min". */
export function moveSummary(officer: OfficerView | undefined, suite: SuiteView | undefined, suiteName: SuiteName): string {
  if (!officer || !suite) return 'Choose an officer and a destination.';
  // Only a hint: the server decides, and its refusal is shown in the dialog (one set of rules).
  if (officer.suiteId === suite.id) return `${officer.id} is already ${whereabouts(officer, suiteName)}.`;
  const from =
    officer.status === 'at_suite'
      ? `from ${suiteName(officer.suiteId)}`
      : officer.status === 'travelling'
        ? `(now ${whereabouts(officer, suiteName)})`
        : 'from where they are';
  return `Send ${officer.id} ${from} to ${suite.name}, about ${journey(travelMinutes(officer, suite))}`;
}

/** "24 min", "1 h 05 min". */
function journey(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
