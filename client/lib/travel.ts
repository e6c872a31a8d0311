import { travelMs } from '../../protocol/geo.js';
import type { OfficerView, SuiteView } from '../../protocol/index.js';

/** Minutes the server will estimate for this officer to reach this suite (the same function). */
export function travelMinutes(officer: OfficerView, suite: SuiteView): number {
  return Math.max(1, Math.round(travelMs(officer, suite, officer.region) / 60_000));
}
