import type { CaseState } from './cases.js';

/**
 * What a case came to, as the forum counts it (DOMAIN.md step 5: what Nexus is measured by).
 * Today the log holds an officer's decision (`decision.made`); the casework feed's outcome facts
 * (removal or deportation achieved) extend this list and `outcomeOf` when they land.
 */
export const CASE_OUTCOMES = ['papers_served', 'detained', 'nfa'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** The outcome a case has reached, and when; null while none is known. */
export function outcomeOf(kase: CaseState): { outcome: CaseOutcome; at: number } | null {
  if (!kase.decision) return null;
  const { decision, at } = kase.decision;
  switch (decision) {
    case 'papers_served':
      return { outcome: 'papers_served', at };
    case 'detained_immigration_powers':
      return { outcome: 'detained', at };
    case 'no_action':
      return { outcome: 'nfa', at };
    default: {
      const never: never = decision;
      throw new Error(`outcomeOf: unhandled decision ${String(never)}`);
    }
  }
}
