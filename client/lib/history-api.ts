import type { Ack, FootfallReview, Snapshot } from '../../protocol/index.js';
import { query, request } from './http.js';

/**
 * Reads of the past, not the live state: the footfall review (demand against officer-hours) and
 * the replay of the whole picture at one instant. Kept apart from api.ts because both pages are
 * loaded only when opened.
 */

/** Demand and officer-hours per suite by hour of the week, over London days `from`–`to` inclusive. */
export const fetchFootfallReview = (q: { from: string; to: string }, signal?: AbortSignal): Promise<Ack<FootfallReview>> =>
  request<FootfallReview>(`/api/footfall-review?${query({ from: q.from, to: q.to })}`, { signal });

/** The state as it was at `at` (epoch ms), cut to what this role may see, as the server rebuilt it from the log. */
export const fetchReplay = (at: number, signal?: AbortSignal): Promise<Ack<Snapshot>> =>
  request<Snapshot>(`/api/replay?${query({ at })}`, { signal });
