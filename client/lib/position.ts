import type { OfficerView } from '../../protocol/index.js';
import { age } from './format.js';

/**
 * Whether an officer's position is too old to trust (NEXUS_POSITION_STALE_MINUTES): an officer on
 * duty whose device has not reported lately may be anywhere. Off duty, nobody expects a fix.
 */
export function positionStale(o: Pick<OfficerView, 'status' | 'positionAt'>, now: number, staleMs: number): boolean {
  return o.status !== 'off_duty' && (o.positionAt === null || now - o.positionAt > staleMs);
}

/** "Position 3 min old", "No position reported yet". */
export function positionAgeLabel(o: Pick<OfficerView, 'positionAt'>, now: number): string {
  return o.positionAt === null ? 'No position reported yet' : `Position ${age(now - o.positionAt)} old`;
}
