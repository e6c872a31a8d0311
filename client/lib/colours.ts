import type { OfficerStatus, SuiteView } from '../../protocol/index.js';
import type { ColourBy } from './ui.svelte.js';

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

/** Today's check coverage (checked / FN arrivals, as the server counted it). */
export const COVERAGE_BANDS = [
  { min: 90, label: '90% or more checked', colour: '#2b8a3e' },
  { min: 70, label: '70–90% checked', colour: '#e0a100' },
  { min: 50, label: '50–70% checked', colour: '#e8590c' },
  { min: 0, label: 'Under 50% checked', colour: '#c92a2a' },
] as const;
export const NO_ARRIVALS_COLOUR = '#adb5bd';
export const NO_ARRIVALS_LABEL = 'No arrivals today';

export function coverageColour(pct: number | null): string {
  if (pct === null) return NO_ARRIVALS_COLOUR;
  return (COVERAGE_BANDS.find((b) => pct >= b.min) ?? COVERAGE_BANDS[3]).colour;
}

/** A suite's fill for the map and the suite list, by what the reader chose to colour by. */
export function suiteColour(suite: Pick<SuiteView, 'open' | 'pendingChecks' | 'today'>, by: ColourBy): string {
  if (!suite.open) return CLOSED_COLOUR;
  return by === 'coverage' ? coverageColour(suite.today.coveragePct) : queueColour(suite.pendingChecks);
}

/** Marker radius in pixels: grows with demand, but slowly, so London stays readable. */
export function suiteRadius(suite: Pick<SuiteView, 'inCustody'>): number {
  return 6 + 2 * Math.sqrt(Math.max(0, suite.inCustody));
}

/**
 * An officer's dot has a shape for its status as well as a colour, so status is never told by
 * colour alone: free (circle), on the way (triangle), at a suite (square), off duty (ring).
 */
export type DotShape = 'circle' | 'triangle' | 'square' | 'ring';
export const OFFICER_SHAPE: Record<OfficerStatus, DotShape> = {
  off_duty: 'ring',
  available: 'circle',
  travelling: 'triangle',
  at_suite: 'square',
};

export const OFFICER_COLOUR: Record<OfficerStatus, string> = {
  off_duty: '#868e96',
  available: '#2b8a3e',
  travelling: '#1971c2',
  at_suite: '#7048e8',
};
