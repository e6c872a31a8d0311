import type { LoggedEvent } from '../../protocol/index.js';

/**
 * The region a case belongs to, read from its own stored facts (its booking's suite), so the
 * answer does not depend on whether the case is still held in memory: a case released months
 * ago is checked exactly as one in custody now. Null when the log holds no booking for it.
 */
export function caseRegionFromLog(events: readonly LoggedEvent[], suiteRegion: (suiteId: string) => string | undefined): string | null {
  const booking = events.find((e) => e.type === 'arrest.booked');
  return booking?.type === 'arrest.booked' ? (suiteRegion(booking.data.suiteId) ?? null) : null;
}
