import type { CheckMode, CheckOutcome, OfficerRole, OfficerStatus } from './vocabulary.js';
import type { DomainEvent, EventMeta } from './events.js';

/** Arrivals of foreign nationals per Europe/London hour (index 0 = 00:00–00:59) of one local day. */
export interface DayFootfall {
  day: string; // YYYY-MM-DD, Europe/London
  hours: number[]; // 24 entries
}

export interface SuiteView {
  id: string;
  region: string;
  name: string;
  /** What the reference data says beyond the name (e.g. "contingency suite"). */
  note: string | null;
  lat: number;
  lng: number;
  cells: number | null;
  open: boolean;
  /** Foreign nationals in custody now. */
  inCustody: number;
  /** Of those, waiting for a status check. */
  pendingChecks: number;
  /** Today's and yesterday's footfall, newest first. */
  footfall: DayFootfall[];
}

export interface OfficerView {
  /** Call sign, e.g. MET-IO-07: officers are shown by call sign, not by name. */
  id: string;
  role: OfficerRole;
  region: string;
  status: OfficerStatus;
  lat: number;
  lng: number;
  /** The suite they are at, or travelling to. */
  suiteId: string | null;
  /** Where a journey started, while travelling. */
  fromSuiteId: string | null;
  etaAt: number | null;
  statusSince: number;
}

export interface CaseView {
  custodyRef: string;
  suiteId: string;
  nationality: string;
  iabsMatch: boolean;
  relevantTime: number;
  check: { at: number; mode: CheckMode; outcome: CheckOutcome; officerId: string | null } | null;
}

/** One officer move, as the activity log shows it. */
export interface AssignmentView {
  seq: number;
  at: number;
  actor: string;
  officerId: string;
  fromSuiteId: string | null;
  toSuiteId: string;
  reason: string | null;
}

export interface Snapshot {
  seq: number;
  serverTime: number;
  suites: SuiteView[];
  officers: OfficerView[];
  cases: CaseView[];
  assignments: AssignmentView[];
}

/** What changed because of one event: whole entities, replaced by id on the client. */
export interface Patch {
  suites?: SuiteView[];
  officers?: OfficerView[];
  cases?: CaseView[];
  /** Cases that left custody and drop out of live state. */
  closedCases?: string[];
  assignment?: AssignmentView;
}

/** One event as delivered: its place in the log, the fact, and the entities it changed. */
export type Delta = { seq: number; at: number; actor: string; type: DomainEvent['type']; patch: Patch } & Pick<
  EventMeta,
  'source'
>;
