import type { CaseView } from './views.js';

/**
 * The order of a suite's pending-checks queue (recommendation 1): High Harm first, then least
 * PACE time left, then longest waiting. Time-independent (deadlines, not time left), so server
 * and dashboard sort the same way without sharing a clock.
 */
export function compareQueue(
  a: Pick<CaseView, 'highHarm' | 'paceDeadline' | 'relevantTime' | 'custodyRef'>,
  b: Pick<CaseView, 'highHarm' | 'paceDeadline' | 'relevantTime' | 'custodyRef'>,
): number {
  return (
    Number(b.highHarm.highHarm) - Number(a.highHarm.highHarm) ||
    a.paceDeadline - b.paceDeadline ||
    a.relevantTime - b.relevantTime ||
    (a.custodyRef < b.custodyRef ? -1 : a.custodyRef > b.custodyRef ? 1 : 0)
  );
}
