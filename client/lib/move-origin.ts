import type { MoveOrigin } from '../../protocol/index.js';

type SuiteName = (id: string) => string;

/**
 * Where a move started, as people say it: "at Brixton", "on the way to Croydon", "available near
 * Brixton", or "start not recorded" (moves stored before the start was kept). Every screen that
 * shows a move says it the same way.
 */
export function originLabel(origin: MoveOrigin, suiteName: SuiteName): string {
  switch (origin.kind) {
    case 'at_suite':
      return `at ${suiteName(origin.suiteId)}`;
    case 'travelling':
      return `on the way to ${suiteName(origin.suiteId)}`;
    case 'available':
      return origin.nearestSuiteId ? `available near ${suiteName(origin.nearestSuiteId)}` : 'available';
    case 'not_recorded':
      return 'start not recorded';
  }
}

/** "at Brixton → Croydon", "available near Brixton → Croydon". */
export const routeLabel = (origin: MoveOrigin, toSuiteId: string, suiteName: SuiteName): string =>
  `${originLabel(origin, suiteName)} → ${suiteName(toSuiteId)}`;

/**
 * The same, after "from" in a line about a journey: "from Brixton", "redirected on the way to
 * Croydon", "from near Brixton", "start not recorded".
 */
export function fromLabel(origin: MoveOrigin, suiteName: SuiteName): string {
  switch (origin.kind) {
    case 'at_suite':
      return `from ${suiteName(origin.suiteId)}`;
    case 'travelling':
      return `redirected on the way to ${suiteName(origin.suiteId)}`;
    case 'available':
      return origin.nearestSuiteId ? `from near ${suiteName(origin.nearestSuiteId)}` : 'from where they were free';
    case 'not_recorded':
      return 'start not recorded';
  }
}
