import type {
  Ack,
  CoverageReport,
  EtdReport,
  HighHarmRuleSetView,
  MeetingView,
  NonAttendanceRegister,
  PerformancePack,
  Recommendation,
  SuiteForecast,
  TimelineEntry,
} from '../../protocol/index.js';
import { query, request } from './http.js';

/** GET of the read-only HTTP API (see http.ts for the answer shape and the 401 rule). */
const getJson = <T>(path: string, signal?: AbortSignal): Promise<Ack<T>> => request<T>(path, { signal });

/** The ERF timeline: the custody reference contains '/', so it is URL-encoded. */
export const fetchTimeline = (custodyRef: string, signal?: AbortSignal) =>
  getJson<TimelineEntry[]>(`/api/cases/${encodeURIComponent(custodyRef)}/timeline`, signal);

export interface RegisterQuery {
  from: string;
  to: string;
  region: string;
  suiteId: string;
  reason: string;
}
export const fetchRegister = (q: RegisterQuery, signal?: AbortSignal) =>
  getJson<NonAttendanceRegister>(`/api/non-attendances?${query({ ...q })}`, signal);

export interface CoverageQuery {
  from: string;
  to: string;
  groupBy: 'suite' | 'region';
}
export const fetchCoverage = (q: CoverageQuery, signal?: AbortSignal) =>
  getJson<CoverageReport>(`/api/coverage?${query({ ...q })}`, signal);

export interface HighHarmHistory {
  current: HighHarmRuleSetView | null;
  history: HighHarmRuleSetView[];
}
export const fetchHighHarm = (signal?: AbortSignal) => getJson<HighHarmHistory>('/api/high-harm', signal);

export const fetchEtd = (q: Pick<CoverageQuery, 'from' | 'to'>, signal?: AbortSignal) =>
  getJson<EtdReport>(`/api/etd?${query({ from: q.from, to: q.to })}`, signal);

/** The daily management meeting's table; non-attendances are counted from `since` (epoch ms). */
export const fetchMeeting = (since: number, signal?: AbortSignal) => getJson<MeetingView>(`/api/meeting?${query({ since })}`, signal);

/** Recommended officer moves in this duty manager's regions, best first. */
export const fetchRecommendations = (signal?: AbortSignal) => getJson<Recommendation[]>('/api/recommendations', signal);

/** Expected and actual FN arrivals per hour at one suite: today so far and the next 12 hours. */
export const fetchForecast = (suiteId: string, signal?: AbortSignal) =>
  getJson<SuiteForecast>(`/api/forecast/${encodeURIComponent(suiteId)}`, signal);

/** The days of a performance pack (London calendar days, inclusive). */
export interface PackQuery {
  from: string;
  to: string;
}
export const fetchPack = (q: PackQuery, signal?: AbortSignal) =>
  getJson<PerformancePack>(`/api/reports/pack?${query({ from: q.from, to: q.to, format: 'json' })}`, signal);
/** The same pack as a CSV file, for a plain download link (the session cookie goes with it). */
export const packCsvUrl = (q: PackQuery): string => `/api/reports/pack?${query({ from: q.from, to: q.to, format: 'csv' })}`;
