import type { OfficerStatus, SuiteView } from '../../protocol/index.js';

/**
 * One colour scale for the map, the legend and the suite list, so they cannot disagree.
 * Suite colour says how many people wait for a status check; size says how many are in custody.
 */
export const QUEUE_BANDS = [
  { min: 0, max: 0, label: 'None waiting', colour: '#8d9a8f' },
  { min: 1, max: 2, label: '1–2 waiting', colour: '#e0a100' },
  { min: 3, max: 5, label: '3–5 waiting', colour: '#e8590c' },
  { min: 6, max: Infinity, label: '6 or more waiting', colour: '#c92a2a' },
] as const;

export const CLOSED_COLOUR = '#868e96';

export function queueColour(pendingChecks: number): string {
  return (QUEUE_BANDS.find((b) => pendingChecks <= b.max) ?? QUEUE_BANDS[3]).colour;
}

/** Marker radius in pixels: grows with demand, but slowly, so London stays readable. */
export function suiteRadius(suite: Pick<SuiteView, 'inCustody'>): number {
  return 6 + 2 * Math.sqrt(Math.max(0, suite.inCustody));
}

export const OFFICER_COLOUR: Record<OfficerStatus, string> = {
  off_duty: '#868e96',
  available: '#2b8a3e',
  travelling: '#1971c2',
  at_suite: '#7048e8',
};
