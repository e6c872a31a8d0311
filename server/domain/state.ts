import type { AssignmentView, MoveView, OfficerRole, OfficerStatus } from '../../protocol/index.js';
import type { CaseState } from './cases.js';
import type { HighHarmRuleSet } from './high-harm.js';
import type { Reference } from './reference.js';
import type { Tallies } from './tallies.js';

export type { CaseState } from './cases.js';

/**
 * Live state: the projection of the event log. Entities are immutable values (replaced, never
 * mutated), so `fork` can copy the maps shallowly and a rejected batch leaves the original intact.
 */
export interface State {
  seq: number;
  /** When the latest fact happened (not when it was recorded); null before the first. */
  lastEventAt: number | null;
  /** When the latest fact from a feed happened (people's commands aside): where a simulator resumes. */
  lastFeedFactAt: number | null;
  suites: Map<string, SuiteState>;
  officers: Map<string, OfficerState>;
  /** People in custody now. */
  cases: Map<string, CaseState>;
  /**
   * People released in the last RETENTION_DAYS days (late facts, the register and reports), and
   * up to AWAITING_OUTCOME_DAYS those still waiting for their final outcome (a removal).
   */
  closedCases: Map<string, CaseState>;
  /** The London day closed cases were last pruned on. */
  closedCasesPrunedOn: string | null;
  /** The hour (epoch ms / 1 h) open cases were last checked for a detention that cannot still be going on. */
  lapsesCheckedAt: number | null;
  /** The most recent officer moves, newest first. */
  assignments: readonly AssignmentView[];
  /** The High Harm rule set in force, and every version before it. */
  highHarm: HighHarmRuleSet | null;
  highHarmHistory: readonly HighHarmRuleSet[];
  /** Who acknowledged which alert. */
  acknowledgements: Map<string, Acknowledgement>;
}

export interface Acknowledgement {
  readonly by: string;
  readonly at: number;
  readonly note: string | null;
}

export interface SuiteState {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  readonly note: string | null;
  readonly lat: number;
  readonly lng: number;
  readonly cells: number | null;
  readonly open: boolean;
  readonly inCustody: number;
  readonly pendingChecks: number;
  /** Footfall by London day (YYYY-MM-DD) then hour; the last FOOTFALL_DAYS days kept. */
  readonly footfall: Readonly<Record<string, readonly number[]>>;
  /** Coverage tallies by London day. */
  readonly days: Tallies;
}

export interface OfficerState {
  readonly id: string;
  readonly role: OfficerRole;
  readonly region: string;
  readonly homeSuiteId: string | null;
  readonly status: OfficerStatus;
  readonly lat: number;
  readonly lng: number;
  readonly suiteId: string | null;
  /** Where and when the current journey began, so a simulator can move the marker along it. */
  readonly journey: { readonly departedAt: number; readonly fromLat: number; readonly fromLng: number } | null;
  readonly etaAt: number | null;
  readonly statusSince: number;
  /**
   * The seq of the fact that last changed where the officer is deployed (a move, an arrival, a
   * roster change). A move decided on an older view of the officer is refused, so two managers
   * moving one officer at once get one move and one clear answer, on one node or several.
   */
  readonly version: number;
  /** The move that sent them to `suiteId`, kept once they arrive; null when no move placed them. */
  readonly move: Readonly<MoveView> | null;
  /** When `lat`/`lng` were last reported (a position or an arrival); null before the first. */
  readonly positionAt: number | null;
}

/** Today and the 28 days before it: four whole weeks of the same weekday for the arrivals forecast. */
export const FOOTFALL_DAYS = 29;
/** A busy day's moves, so the meeting's reallocation log is complete. */
export const ASSIGNMENTS_KEPT = 400;

/** The state before the first event: reference data, nobody in custody, everyone off duty. */
export function initialState(reference: Reference): State {
  const suites = new Map<string, SuiteState>();
  for (const s of reference.suites) {
    suites.set(s.id, {
      id: s.id,
      region: s.region,
      name: s.name,
      note: s.note,
      lat: s.lat,
      lng: s.lng,
      cells: s.cells,
      open: s.openAtStart,
      inCustody: 0,
      pendingChecks: 0,
      footfall: {},
      days: {},
    });
  }
  const officers = new Map<string, OfficerState>();
  for (const o of reference.officers) {
    officers.set(o.id, {
      id: o.id,
      role: o.role,
      region: o.region,
      homeSuiteId: o.homeSuiteId,
      status: 'off_duty',
      lat: o.baseLat,
      lng: o.baseLng,
      suiteId: null,
      journey: null,
      etaAt: null,
      statusSince: 0,
      version: 0,
      move: null,
      positionAt: null,
    });
  }
  return {
    seq: 0,
    lastEventAt: null,
    lastFeedFactAt: null,
    suites,
    officers,
    cases: new Map(),
    closedCases: new Map(),
    closedCasesPrunedOn: null,
    lapsesCheckedAt: null,
    assignments: [],
    highHarm: null,
    highHarmHistory: [],
    acknowledgements: new Map(),
  };
}

/** A working copy to apply a batch to; the original is untouched until the copy is adopted. */
export function fork(state: State): State {
  return {
    seq: state.seq,
    lastEventAt: state.lastEventAt,
    lastFeedFactAt: state.lastFeedFactAt,
    suites: new Map(state.suites),
    officers: new Map(state.officers),
    cases: new Map(state.cases),
    closedCases: new Map(state.closedCases),
    closedCasesPrunedOn: state.closedCasesPrunedOn,
    lapsesCheckedAt: state.lapsesCheckedAt,
    assignments: state.assignments,
    highHarm: state.highHarm,
    highHarmHistory: state.highHarmHistory,
    acknowledgements: new Map(state.acknowledgements),
  };
}

/**
 * The shape of SerialisedState. Bump it whenever State changes shape: a checkpoint of any other
 * format (or none, before formats existed) is ignored and the state rebuilt from the log, which is
 * the source of truth. Format 1 was never written down: checkpoints before it carry no format.
 * Format 4: cases carry the casework feed's outcomes.
 */
export const STATE_FORMAT = 4;

/** Plain-JSON form, for checkpoints and for comparing a replay with the live state. */
export interface SerialisedState {
  format: typeof STATE_FORMAT;
  seq: number;
  lastEventAt: number | null;
  lastFeedFactAt: number | null;
  suites: SuiteState[];
  officers: OfficerState[];
  cases: CaseState[];
  closedCases: CaseState[];
  closedCasesPrunedOn: string | null;
  lapsesCheckedAt: number | null;
  assignments: AssignmentView[];
  highHarm: HighHarmRuleSet | null;
  highHarmHistory: HighHarmRuleSet[];
  acknowledgements: [string, Acknowledgement][];
}

export function serialiseState(state: State): SerialisedState {
  return {
    format: STATE_FORMAT,
    seq: state.seq,
    lastEventAt: state.lastEventAt,
    lastFeedFactAt: state.lastFeedFactAt,
    suites: [...state.suites.values()],
    officers: [...state.officers.values()],
    cases: [...state.cases.values()],
    closedCases: [...state.closedCases.values()],
    closedCasesPrunedOn: state.closedCasesPrunedOn,
    lapsesCheckedAt: state.lapsesCheckedAt,
    assignments: [...state.assignments],
    highHarm: state.highHarm,
    highHarmHistory: [...state.highHarmHistory],
    acknowledgements: [...state.acknowledgements],
  };
}

/** A stored checkpoint as state, or null when it is of another format (then the log is replayed). */
export function stateFromCheckpoint(stored: unknown): State | null {
  const format = typeof stored === 'object' && stored !== null && 'format' in stored ? stored.format : undefined;
  return format === STATE_FORMAT ? deserialiseState(stored as SerialisedState) : null;
}

export function deserialiseState(json: SerialisedState): State {
  return {
    seq: json.seq,
    lastEventAt: json.lastEventAt,
    lastFeedFactAt: json.lastFeedFactAt,
    suites: new Map(json.suites.map((s) => [s.id, s])),
    officers: new Map(json.officers.map((o) => [o.id, o])),
    cases: new Map(json.cases.map((c) => [c.custodyRef, c])),
    closedCases: new Map(json.closedCases.map((c) => [c.custodyRef, c])),
    closedCasesPrunedOn: json.closedCasesPrunedOn,
    lapsesCheckedAt: json.lapsesCheckedAt,
    assignments: json.assignments,
    highHarm: json.highHarm,
    highHarmHistory: json.highHarmHistory,
    acknowledgements: new Map(json.acknowledgements),
  };
}
