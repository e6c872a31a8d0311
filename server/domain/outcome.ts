import { CASE_OUTCOMES, londonDay, type CaseOutcome } from '../../protocol/index.js';
import type { CaseState } from './cases.js';

/**
 * What a case has come to so far (DOMAIN.md step 5: what Nexus is measured by): the casework
 * feed's latest outcome (`outcome.recorded`), and when; null while none is recorded.
 */
export function outcomeOf(kase: CaseState): { outcome: CaseOutcome; at: number } | null {
  const latest = kase.outcomes.at(-1);
  return latest ? { outcome: latest.outcome, at: latest.at } : null;
}

/**
 * The London day of each outcome a case has had: the reports count every outcome on its own day
 * (papers served in March and a removal in May count once in each month).
 */
export function outcomeDays(kase: CaseState): Record<CaseOutcome, string | null> {
  const days = Object.fromEntries(CASE_OUTCOMES.map((o) => [o, null])) as Record<CaseOutcome, string | null>;
  for (const o of kase.outcomes) days[o.outcome] = londonDay(o.at);
  return days;
}
