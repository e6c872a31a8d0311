import type {
  Ack,
  CoverageReport,
  EtdReport,
  HighHarmRuleSetView,
  NonAttendanceRegister,
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
