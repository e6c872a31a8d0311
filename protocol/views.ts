import type { HighHarmDefinition, HighHarmVerdict } from './high-harm.js';
import type {
  AlertKind,
  CannotAttendReason,
  CheckMode,
  CheckOutcome,
  Decision,
  NonAttendanceReason,
  OffenceCategory,
  OfficerRole,
  OfficerStatus,
  TravelDocument,
  IntelFlag,
} from './vocabulary.js';
import type { DomainEvent, EventMeta } from './event-registry.js';
import type { MoveOrigin } from './events.js';
import type { CaseDisposal } from './constants.js';

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
  /** Recommendation 1, today (London day) at this suite. */
  today: CoverageFigures;
}

/** Coverage (recommendation 1) for a set of arrivals: one definition for map, panel and reports. */
export interface CoverageFigures {
  arrivals: number;
  /** Of those arrivals, how many have had a status check completed. */
  checked: number;
  /** checked / arrivals, 0–100, one decimal; null with no arrivals. */
  coveragePct: number | null;
  /** Median minutes from relevant time to check completed; null when none checked. */
  medianMinutesToCheck: number | null;
  /** Releases of people of immigration interest with no IO attendance. */
  nonAttendances: number;
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
  etaAt: number | null;
  statusSince: number;
  /** The move that sent them to their suite (while travelling, and once there); null otherwise. */
  move: MoveView | null;
  /** When their position was last reported (location feed or arrival); null before the first. */
  positionAt: number | null;
}

/** An officer's current move: who sent them where, from where, why, and whether they have it. */
export interface MoveView {
  /** Sequence number of its officer.assigned: what an acknowledgement names. */
  seq: number;
  at: number;
  /** Who sent them (a person, or the simulator's dispatcher); '' for screens that see no actors. */
  by: string;
  reason: string | null;
  toSuiteId: string;
  origin: MoveOrigin;
  /** When the officer acknowledged it; null until they do. */
  acknowledgedAt: number | null;
}

export interface CaseView {
  custodyRef: string;
  /** Where the person is now (after any transfer). */
  suiteId: string;
  /** Region of that suite. */
  region: string;
  nationality: string;
  iabsMatch: boolean;
  relevantTime: number;
  offenceCategory: OffenceCategory;
  intelFlags: IntelFlag[];
  priorOffences: number;
  highHarm: HighHarmVerdict;
  referredAt: number | null;
  acro: { requestedAt: number | null; returnedAt: number | null; overseasConvictions: boolean | null };
  /** Who took the check (`by`: the person or feed that started it) and since when. */
  checkStarted: { at: number; mode: CheckMode; officerId: string | null; by: string } | null;
  /** The latest "cannot attend" from an officer at the suite: the case then goes to the CCU queue. */
  declined: { at: number; officerId: string; reason: CannotAttendReason; note: string | null } | null;
  check: { at: number; mode: CheckMode; outcome: CheckOutcome; officerId: string | null } | null;
  interviewAt: number | null;
  decision: { at: number; decision: Decision; officerId: string | null } | null;
  travelDocument: TravelDocument;
  /** Recommendation 4: required by rule (offender, removal contemplated, no valid document). */
  etd: { required: boolean; appliedAt: number | null; agreedAt: number | null };
  paceLimitHours: number;
  /** relevantTime + limit: when detention without charge must end. */
  paceDeadline: number;
  released: { at: number; disposal: CaseDisposal } | null;
  /** Recommendation 2: set when released, of immigration interest, with no IO attendance. */
  nonAttendance: { reason: NonAttendanceReason; auto: boolean; note: string | null } | null;
}

/** A live warning; the same list on every screen allowed to see it. */
export interface AlertView {
  /** Stable for the thing it is about, e.g. pace_running_out:MP/0001/26. */
  id: string;
  kind: AlertKind;
  suiteId: string;
  custodyRef: string | null;
  message: string;
  /** When the condition began (e.g. when the wait passed 1 h). */
  since: number;
  acknowledged: { by: string; at: number; note: string | null } | null;
}

/** Time-dependent views the server recomputes (every 15 s and after each change) and pushes whole. */
export interface LiveDerived {
  at: number;
  alerts: AlertView[];
  /** Recommendation 1: cases no embedded officer will reach in time, most urgent first. */
  ccuQueue: string[];
  /** Per suite: officers there or arriving, and how many of its queue they can clear in time. */
  capacity: Record<string, { officers: number; queue: number; canClear: number }>;
}

/** The High Harm rule set in force. */
export interface HighHarmRuleSetView {
  version: number;
  definition: HighHarmDefinition;
  publishedAt: number;
  publishedBy: string;
  reason: string;
}

/** One officer move, as the activity log shows it. */
export interface AssignmentView {
  seq: number;
  at: number;
  actor: string;
  officerId: string;
  /** Where the move started: at a suite, on the way to one, or free at a place. */
  origin: MoveOrigin;
  toSuiteId: string;
  reason: string | null;
  /** The destination's demand at the moment of the move (null for moves before this was kept). */
  demand: { inCustody: number; pending: number } | null;
  recommended: boolean;
}

export interface Snapshot {
  seq: number;
  serverTime: number;
  suites: SuiteView[];
  officers: OfficerView[];
  /** Open cases, plus cases released today (for the register and today's figures). */
  cases: CaseView[];
  assignments: AssignmentView[];
  highHarm: HighHarmRuleSetView | null;
  derived: LiveDerived;
}

/**
 * What an event can change about a suite. Its name, place, region and cells are reference data
 * the snapshot carried, so they do not travel with every arrest, check and release.
 */
export type SuiteFigures = Pick<SuiteView, 'id' | 'open' | 'inCustody' | 'pendingChecks' | 'footfall' | 'today'>;

/** What changed because of one event: whole entities (suites: their figures), replaced by id on the client. */
export interface Patch {
  suites?: SuiteFigures[];
  officers?: OfficerView[];
  cases?: CaseView[];
  /**
   * Officers that only moved, as [call sign, lat, lng]: the rest of each officer is unchanged, so
   * a 1 Hz tick of a national fleet costs ~30 bytes an officer instead of a whole view.
   */
  positions?: [string, number, number][];
  /** Cases that drop out of live state. */
  closedCases?: string[];
  assignment?: AssignmentView;
  highHarm?: HighHarmRuleSetView;
}

/** One event as delivered: its place in the log, the fact, and the entities it changed. */
export type Delta = { seq: number; at: number; actor: string; type: DomainEvent['type']; patch: Patch } & Pick<
  EventMeta,
  'source'
>;

/** One line of a case's ERF timeline: a stored event about that custody reference. */
export interface TimelineEntry {
  seq: number;
  at: number;
  recordedAt: number;
  type: string;
  actor: string;
  source: string;
  data: unknown;
}

/** GET /api/non-attendances: the register (recommendation 2) with its counts. */
export interface NonAttendanceRegister {
  from: string;
  to: string;
  rows: CaseView[];
  counts: {
    total: number;
    byReason: Record<string, number>;
    bySuite: Record<string, number>;
    byDay: Record<string, number>;
  };
}

/** GET /api/coverage: recommendation 1 figures per suite or region over London days [from, to]. */
export interface CoverageReport {
  from: string;
  to: string;
  groupBy: 'suite' | 'region';
  rows: { key: string; figures: CoverageFigures }[];
  total: CoverageFigures;
}

/** GET /api/etd: ETD completion (recommendation 4) per suite and per deciding officer. */
export interface EtdReport {
  from: string;
  to: string;
  bySuite: EtdRow[];
  byOfficer: EtdRow[];
  total: { required: number; applied: number; ratePct: number | null };
}
export interface EtdRow {
  key: string;
  required: number;
  applied: number;
  ratePct: number | null;
}
