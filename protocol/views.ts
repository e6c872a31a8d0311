import { z } from 'zod';
import { CASE_DISPOSALS, CASE_OUTCOMES } from './constants.js';
import { EVENT_TYPES, type EventType } from './event-registry.js';
import { HighHarmDefinition, HighHarmVerdict } from './high-harm.js';
import { MoveOrigin } from './events.js';
import { Instant } from './ids.js';
import {
  AlertKind,
  CannotAttendReason,
  CheckMode,
  CheckOutcome,
  Decision,
  IntelFlag,
  NonAttendanceReason,
  OffenceCategory,
  OfficerRole,
  OfficerStatus,
  TravelDocument,
} from './vocabulary.js';

/**
 * What the server shows: the entities of a snapshot and a delta, and the reports. Schemas for the
 * API description (protocol/http) and the types both sides use; the server builds these values
 * itself, so they are parsed only where a test asks (NEXUS_CHECK_RESPONSES).
 */

const Count = z.number().int().min(0);
const Day = z.string().describe('a London calendar day, YYYY-MM-DD');

export const DayFootfall = z
  .strictObject({ day: Day, hours: z.array(Count).describe('24 entries: arrivals in each Europe/London hour, 00:00–00:59 first') })
  .describe('Arrivals of foreign nationals per Europe/London hour of one local day.');
export type DayFootfall = z.infer<typeof DayFootfall>;

export const CoverageFigures = z
  .strictObject({
    arrivals: Count,
    checked: Count.describe('Of those arrivals, how many have had a status check completed.'),
    coveragePct: z.number().nullable().describe('checked / arrivals, 0–100, one decimal; null with no arrivals.'),
    medianMinutesToCheck: z.number().nullable().describe('Median minutes from relevant time to check completed; null when none checked.'),
    nonAttendances: Count.describe('Releases of people of immigration interest with no IO attendance.'),
  })
  .describe('Coverage (recommendation 1) for a set of arrivals: one definition for map, panel and reports.');
export type CoverageFigures = z.infer<typeof CoverageFigures>;

export const OutcomeCounts = z
  .strictObject(Object.fromEntries(CASE_OUTCOMES.map((o) => [o, Count])) as Record<(typeof CASE_OUTCOMES)[number], typeof Count>)
  .describe("The casework feed's outcomes recorded in a period, by kind: each counts on the London day it happened, at the suite the person was last in.");
export type OutcomeCounts = z.infer<typeof OutcomeCounts>;

export const SuiteView = z.strictObject({
  id: z.string(),
  region: z.string(),
  name: z.string(),
  note: z.string().nullable().describe('What the reference data says beyond the name (e.g. "contingency suite").'),
  lat: z.number(),
  lng: z.number(),
  cells: Count.nullable(),
  open: z.boolean(),
  inCustody: Count.describe('Foreign nationals in custody now.'),
  pendingChecks: Count.describe('Of those, waiting for a status check.'),
  footfall: z.array(DayFootfall).describe("Today's and yesterday's footfall, newest first."),
  today: CoverageFigures.describe('Recommendation 1, today (London day) at this suite.'),
});
export type SuiteView = z.infer<typeof SuiteView>;

export const MoveView = z
  .strictObject({
    seq: z.number().int().min(1).describe('Sequence number of its officer.assigned: what an acknowledgement names.'),
    at: Instant,
    by: z.string().describe("Who sent them (a person, or the simulator's dispatcher); '' for screens that see no actors."),
    reason: z.string().nullable(),
    toSuiteId: z.string(),
    origin: MoveOrigin,
    acknowledgedAt: Instant.nullable().describe('When the officer acknowledged it; null until they do.'),
  })
  .describe("An officer's current move: who sent them where, from where, why, and whether they have it.");
export type MoveView = z.infer<typeof MoveView>;

export const OfficerView = z.strictObject({
  id: z.string().describe('Call sign, e.g. MET-IO-07: officers are shown by call sign, not by name.'),
  role: OfficerRole,
  region: z.string(),
  status: OfficerStatus,
  lat: z.number(),
  lng: z.number(),
  suiteId: z.string().nullable().describe('The suite they are at, or travelling to.'),
  etaAt: Instant.nullable(),
  statusSince: Instant,
  version: z.number().int().min(0).describe('Changes with every move, arrival and roster change: a move sent with an older one is refused (conflict).'),
  move: MoveView.nullable().describe('The move that sent them to their suite (while travelling, and once there); null otherwise.'),
  positionAt: Instant.nullable().describe('When their position was last reported (location feed or arrival); null before the first.'),
});
export type OfficerView = z.infer<typeof OfficerView>;

const ByOfficer = { at: Instant, mode: CheckMode, officerId: z.string().nullable() };

export const CaseView = z.strictObject({
  custodyRef: z.string(),
  suiteId: z.string().describe('Where the person is now (after any transfer).'),
  region: z.string().describe('Region of that suite.'),
  nationality: z.string(),
  iabsMatch: z.boolean(),
  relevantTime: Instant,
  offenceCategory: OffenceCategory,
  intelFlags: z.array(IntelFlag),
  priorOffences: Count,
  highHarm: HighHarmVerdict,
  referredAt: Instant.nullable(),
  acro: z.strictObject({ requestedAt: Instant.nullable(), returnedAt: Instant.nullable(), overseasConvictions: z.boolean().nullable() }),
  checkStarted: z.strictObject({ ...ByOfficer, by: z.string() }).nullable().describe('Who took the check (`by`: the person or feed that started it) and since when.'),
  declined: z
    .strictObject({ at: Instant, officerId: z.string(), reason: CannotAttendReason, note: z.string().nullable() })
    .nullable()
    .describe('The latest "cannot attend" from an officer at the suite: the case then goes to the CCU queue.'),
  check: z.strictObject({ ...ByOfficer, outcome: CheckOutcome }).nullable(),
  interviewAt: Instant.nullable(),
  decision: z.strictObject({ at: Instant, decision: Decision, officerId: z.string().nullable() }).nullable(),
  travelDocument: TravelDocument,
  etd: z
    .strictObject({ required: z.boolean(), appliedAt: Instant.nullable(), agreedAt: Instant.nullable() })
    .describe('Recommendation 4: required by rule (offender, removal contemplated, no valid document).'),
  paceLimitHours: z.number(),
  paceDeadline: Instant.describe('relevantTime + limit: when detention without charge must end.'),
  released: z.strictObject({ at: Instant, disposal: z.enum(CASE_DISPOSALS) }).nullable(),
  nonAttendance: z
    .strictObject({ reason: NonAttendanceReason, auto: z.boolean(), note: z.string().nullable() })
    .nullable()
    .describe('Recommendation 2: set when released, of immigration interest, with no IO attendance.'),
});
export type CaseView = z.infer<typeof CaseView>;

export const AlertView = z
  .strictObject({
    id: z.string().describe('Stable for the thing it is about, e.g. pace_running_out:MP/0001/26.'),
    kind: AlertKind,
    suiteId: z.string(),
    custodyRef: z.string().nullable(),
    message: z.string(),
    since: Instant.describe('When the condition began (e.g. when the wait passed 1 h).'),
    acknowledged: z.strictObject({ by: z.string(), at: Instant, note: z.string().nullable() }).nullable(),
  })
  .describe('A live warning; the same list on every screen allowed to see it.');
export type AlertView = z.infer<typeof AlertView>;

export const LiveDerived = z
  .strictObject({
    at: Instant,
    alerts: z.array(AlertView),
    ccuQueue: z.array(z.string()).describe('Recommendation 1: cases no embedded officer will reach in time, most urgent first.'),
    capacity: z
      .record(z.string(), z.strictObject({ officers: Count, queue: Count, canClear: Count }))
      .describe('Per suite: officers there or arriving, and how many of its queue they can clear in time.'),
  })
  .describe('Time-dependent views the server recomputes (every 15 s and after each change) and pushes whole.');
export type LiveDerived = z.infer<typeof LiveDerived>;

export const HighHarmRuleSetView = z
  .strictObject({ version: z.number().int(), definition: HighHarmDefinition, publishedAt: Instant, publishedBy: z.string(), reason: z.string() })
  .describe('The High Harm rule set in force.');
export type HighHarmRuleSetView = z.infer<typeof HighHarmRuleSetView>;

export const AssignmentView = z
  .strictObject({
    seq: z.number().int(),
    at: Instant,
    actor: z.string(),
    officerId: z.string(),
    origin: MoveOrigin.describe('Where the move started: at a suite, on the way to one, or free at a place.'),
    toSuiteId: z.string(),
    reason: z.string().nullable(),
    demand: z
      .strictObject({ inCustody: Count, pending: Count })
      .nullable()
      .describe("The destination's demand at the moment of the move (null for moves before this was kept)."),
    recommended: z.boolean(),
  })
  .describe('One officer move, as the activity log shows it.');
export type AssignmentView = z.infer<typeof AssignmentView>;

export const Snapshot = z.strictObject({
  seq: z.number().int(),
  serverTime: Instant,
  suites: z.array(SuiteView),
  officers: z.array(OfficerView),
  cases: z.array(CaseView).describe('Open cases, plus cases released today (for the register and today\'s figures).'),
  assignments: z.array(AssignmentView),
  highHarm: HighHarmRuleSetView.nullable(),
  derived: LiveDerived,
});
export type Snapshot = z.infer<typeof Snapshot>;

/**
 * What an event can change about a suite. Its name, place, region and cells are reference data
 * the snapshot carried, so they do not travel with every arrest, check and release.
 */
export const SuiteFigures = SuiteView.pick({ id: true, open: true, inCustody: true, pendingChecks: true, footfall: true, today: true });
export type SuiteFigures = z.infer<typeof SuiteFigures>;

export const Patch = z
  .strictObject({
    suites: z.array(SuiteFigures).optional(),
    officers: z.array(OfficerView).optional(),
    cases: z.array(CaseView).optional(),
    positions: z
      .array(z.tuple([z.string(), z.number(), z.number()]))
      .optional()
      .describe(
        'Officers that only moved, as [call sign, lat, lng]: the rest of each officer is unchanged, so a 1 Hz tick of a national fleet costs ~30 bytes an officer instead of a whole view.',
      ),
    closedCases: z.array(z.string()).optional().describe('Cases that drop out of live state.'),
    assignment: AssignmentView.optional(),
    highHarm: HighHarmRuleSetView.optional(),
  })
  .describe('What changed because of one event: whole entities (suites: their figures), replaced by id on the client.');
export type Patch = z.infer<typeof Patch>;

const EventTypeName = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

export const Delta = z
  .strictObject({ seq: z.number().int(), at: Instant, actor: z.string(), type: EventTypeName, patch: Patch, source: z.string() })
  .describe('One event as delivered: its place in the log, the fact, and the entities it changed.');
export type Delta = z.infer<typeof Delta>;

export const TimelineEntry = z
  .strictObject({
    seq: z.number().int(),
    at: Instant,
    recordedAt: Instant,
    type: z.string(),
    actor: z.string(),
    source: z.string(),
    data: z.unknown().describe("The fact's data, as its type defines it (see LoggedEvent)."),
  })
  .describe("One line of a case's ERF timeline: a stored event about that custody reference.");
export type TimelineEntry = z.infer<typeof TimelineEntry>;

const Counts = z.record(z.string(), Count);

export const NonAttendanceRegister = z
  .strictObject({
    from: Day,
    to: Day,
    rows: z.array(CaseView),
    counts: z.strictObject({ total: Count, byReason: Counts, bySuite: Counts, byDay: Counts }),
  })
  .describe('The non-attendance register (recommendation 2) with its counts.');
export type NonAttendanceRegister = z.infer<typeof NonAttendanceRegister>;

export const CoverageReport = z
  .strictObject({
    from: Day,
    to: Day,
    groupBy: z.enum(['suite', 'region']),
    rows: z.array(z.strictObject({ key: z.string(), figures: CoverageFigures })),
    total: CoverageFigures,
  })
  .describe('Recommendation 1 figures per suite or region over London days [from, to].');
export type CoverageReport = z.infer<typeof CoverageReport>;

export const EtdRow = z.strictObject({ key: z.string(), required: Count, applied: Count, ratePct: z.number().nullable() });
export type EtdRow = z.infer<typeof EtdRow>;

export const EtdReport = z
  .strictObject({
    from: Day,
    to: Day,
    bySuite: z.array(EtdRow),
    byOfficer: z.array(EtdRow),
    total: z.strictObject({ required: Count, applied: Count, ratePct: z.number().nullable() }),
  })
  .describe('ETD completion (recommendation 4) per suite and per deciding officer.');
export type EtdReport = z.infer<typeof EtdReport>;
