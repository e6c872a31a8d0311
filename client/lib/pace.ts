/**
 * PACE time left, live from the deadline the server set and the server-corrected clock. The
 * only figure the dashboard works out itself: a countdown, never a domain count.
 */
export type PaceLevel = 'ok' | 'amber' | 'red' | 'expired';

const HOUR = 3_600_000;
/** Under 8 h left is amber, under 4 h red: the window in which an officer must still get there. */
export const PACE_AMBER_MS = 8 * HOUR;
export const PACE_RED_MS = 4 * HOUR;

export function paceLevel(deadline: number, now: number): PaceLevel {
  const left = deadline - now;
  if (left <= 0) return 'expired';
  if (left < PACE_RED_MS) return 'red';
  if (left < PACE_AMBER_MS) return 'amber';
  return 'ok';
}

/** "17 h 05 m", "42 m", "expired". */
export function paceLeft(deadline: number, now: number): string {
  const left = deadline - now;
  if (left <= 0) return 'expired';
  const total = Math.floor(left / 60_000);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} m` : `${m} m`;
}
