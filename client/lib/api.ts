import type {
  Ack,
  CoverageReport,
  EtdReport,
  HighHarmRuleSetView,
  NonAttendanceRegister,
  TimelineEntry,
} from '../../protocol/index.js';

/**
 * The read-only HTTP API, typed. Every answer is `{ ok, data }` or `{ ok: false, error }`; a
 * network failure or a page that is not JSON becomes the same error shape, so a view has one
 * thing to show.
 */
async function getJson<T>(path: string, signal?: AbortSignal): Promise<Ack<T>> {
  try {
    const res = await fetch(path, { headers: { accept: 'application/json' }, signal });
    const body = (await res.json()) as Ack<T>;
    if (typeof body === 'object' && body !== null && 'ok' in body) return body;
    return failed(`Unexpected answer from the server (HTTP ${res.status}).`);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    return failed('Could not reach the server. Try again in a moment.');
  }
}

function failed<T>(message: string): Ack<T> {
  return { ok: false, error: { code: 'internal', message } };
}

const query = (params: Record<string, string | null | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return q.toString();
};

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
