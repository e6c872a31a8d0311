import { z } from 'zod';
import {
  AcroRequested,
  AcroReturned,
  AlertAcknowledged,
  ArrestBooked,
  AttendanceDeclined,
  CaseReferred,
  CaseTransferred,
  CheckCompleted,
  CheckReleased,
  CheckStarted,
  DecisionMade,
  DetaineeReleased,
  EtdAgreed,
  EtdApplied,
  HighHarmPublished,
  InterviewHeld,
  NonAttendanceReasonSet,
  OfficerAcknowledged,
  OfficerArrived,
  OfficerAssigned,
  OfficerRostered,
  OfficersMoved,
  OutcomeRecorded,
  PaceExtended,
  type MoveOrigin,
  SuiteClosed,
  SuiteReopened,
  TravelDocumentRecorded,
} from './events.js';
import { alertSubject } from './alert-id.js';
import type { AlertKind } from './vocabulary.js';

/** Who may cause a fact: a feed through POST /api/ingest, or a person's command (decided by the server). */
export type Origin = 'feed' | 'command';

/** What a fact names, so "may this key or person write it?" is one rule for every type. */
export interface Touches {
  suites?: readonly string[];
  officers?: readonly string[];
  cases?: readonly string[];
  /** Changes something for every region (a national rule set): only national principals may. */
  national?: true;
}

interface Spec<D extends z.ZodType, O extends Origin, C extends CaseRole> {
  data: D;
  origin: readonly O[];
  /** Its place in a case's ERF timeline: opens a case, is about one, or is not a case fact. */
  case: C;
  touches: (data: z.output<D>) => Touches;
}
type CaseRole = 'opens' | 'about' | null;
const spec = <D extends z.ZodType, O extends Origin, C extends CaseRole>(s: Spec<D, O, C>) => s;

const FEED = ['feed'] as const;
const COMMAND = ['command'] as const;
const EITHER = ['feed', 'command'] as const;
const aboutCase = (d: { custodyRef: string; officerId?: string | null }): Touches => ({
  cases: [d.custodyRef],
  officers: d.officerId ? [d.officerId] : [],
});
/** The suite a move leaves (or whose journey it replaces): its figures and region are touched too. */
const originSuite = (o: MoveOrigin): string[] => (o.kind === 'at_suite' || o.kind === 'travelling' ? [o.suiteId] : []);
/** What an alert is about, by its kind: acknowledging it touches that. */
function alertTouches(kind: AlertKind | null, subject: string): Touches {
  switch (kind) {
    case 'suite_overloaded':
      return { suites: [subject] };
    case 'move_unacknowledged':
      return { officers: [subject] };
    case 'pace_running_out':
    case 'high_harm_waiting':
    case 'etd_missing':
    case 'cannot_attend':
    case null:
      return { cases: [subject] };
  }
}

/**
 * Every fact type, once: its data schema, who may send it and what it touches. The event union,
 * the feed shapes, the ERF's case lists, the region checks for keys and people and the reducer's
 * exhaustive switches all derive from this table, so a new type cannot be added without saying
 * what it touches.
 */
export const EVENTS = {
  'arrest.booked': spec({ data: ArrestBooked, origin: FEED, case: 'opens', touches: (d) => ({ suites: [d.suiteId] }) }),
  'case.referred': spec({ data: CaseReferred, origin: FEED, case: 'about', touches: aboutCase }),
  'acro.requested': spec({ data: AcroRequested, origin: FEED, case: 'about', touches: aboutCase }),
  'acro.returned': spec({ data: AcroReturned, origin: FEED, case: 'about', touches: aboutCase }),
  'check.started': spec({ data: CheckStarted, origin: EITHER, case: 'about', touches: aboutCase }),
  'check.completed': spec({ data: CheckCompleted, origin: EITHER, case: 'about', touches: aboutCase }),
  'check.released': spec({ data: CheckReleased, origin: COMMAND, case: 'about', touches: aboutCase }),
  'attendance.declined': spec({ data: AttendanceDeclined, origin: COMMAND, case: 'about', touches: aboutCase }),
  'interview.held': spec({ data: InterviewHeld, origin: FEED, case: 'about', touches: aboutCase }),
  'decision.made': spec({ data: DecisionMade, origin: FEED, case: 'about', touches: aboutCase }),
  'travel_document.recorded': spec({ data: TravelDocumentRecorded, origin: FEED, case: 'about', touches: aboutCase }),
  'etd.applied': spec({ data: EtdApplied, origin: FEED, case: 'about', touches: aboutCase }),
  'etd.agreed': spec({ data: EtdAgreed, origin: FEED, case: 'about', touches: aboutCase }),
  'pace.extended': spec({ data: PaceExtended, origin: FEED, case: 'about', touches: aboutCase }),
  'case.transferred': spec({
    data: CaseTransferred,
    origin: FEED,
    case: 'about',
    touches: (d) => ({ cases: [d.custodyRef], suites: [d.toSuiteId] }),
  }),
  'detainee.released': spec({ data: DetaineeReleased, origin: FEED, case: 'about', touches: aboutCase }),
  'outcome.recorded': spec({ data: OutcomeRecorded, origin: FEED, case: 'about', touches: aboutCase }),
  'non_attendance.reason_set': spec({ data: NonAttendanceReasonSet, origin: COMMAND, case: 'about', touches: aboutCase }),
  'officer.assigned': spec({
    data: OfficerAssigned,
    origin: COMMAND,
    case: null,
    touches: (d) => ({ officers: [d.officerId], suites: [d.toSuiteId, ...originSuite(d.origin)] }),
  }),
  'officer.acknowledged': spec({ data: OfficerAcknowledged, origin: COMMAND, case: null, touches: (d) => ({ officers: [d.officerId] }) }),
  'officer.arrived': spec({ data: OfficerArrived, origin: EITHER, case: null, touches: (d) => ({ officers: [d.officerId], suites: [d.suiteId] }) }),
  'officers.moved': spec({ data: OfficersMoved, origin: FEED, case: null, touches: (d) => ({ officers: d.positions.map((p) => p.officerId) }) }),
  'officer.rostered': spec({ data: OfficerRostered, origin: EITHER, case: null, touches: (d) => ({ officers: [d.officerId] }) }),
  'suite.closed': spec({ data: SuiteClosed, origin: FEED, case: null, touches: (d) => ({ suites: [d.suiteId] }) }),
  'suite.reopened': spec({ data: SuiteReopened, origin: FEED, case: null, touches: (d) => ({ suites: [d.suiteId] }) }),
  'alert.acknowledged': spec({
    data: AlertAcknowledged,
    origin: COMMAND,
    case: null,
    touches: (d) => {
      const { kind, subject } = alertSubject(d.alertId);
      return alertTouches(kind, subject);
    },
  }),
  'high_harm.published': spec({ data: HighHarmPublished, origin: COMMAND, case: null, touches: () => ({ national: true }) }),
};

type Registry = typeof EVENTS;
export type EventType = keyof Registry;
type DataOf<T extends EventType> = z.output<Registry[T]['data']>;
type DataInputOf<T extends EventType> = z.input<Registry[T]['data']>;

/** Every fact the system knows, as `{ type, data }`: what the log stores and the reducer folds. */
export type DomainEvent = { [T in EventType]: { type: T; data: DataOf<T> } }[EventType];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** Fact types a feed may send. */
export type FeedEventType = { [T in EventType]: 'feed' extends Registry[T]['origin'][number] ? T : never }[EventType];
/** Fact types that open or are about one case: the ERF timeline is these, for one custody reference. */
export type CaseEventType = { [T in EventType]: Registry[T]['case'] extends null ? never : T }[EventType];
/** Facts about a case that already exists: everything in the ERF after the booking. */
export type CaseFactType = { [T in EventType]: Registry[T]['case'] extends 'about' ? T : never }[EventType];

export const EVENT_TYPES = Object.keys(EVENTS) as EventType[];
const typesWhere = <T extends EventType>(keep: (t: EventType) => boolean) => EVENT_TYPES.filter(keep) as T[];
export const FEED_EVENT_TYPES: readonly FeedEventType[] = typesWhere((t) => (EVENTS[t].origin as readonly Origin[]).includes('feed'));
export const CASE_EVENT_TYPES: readonly CaseEventType[] = typesWhere((t) => EVENTS[t].case !== null);
const CASE_FACTS: ReadonlySet<string> = new Set(typesWhere((t) => EVENTS[t].case === 'about'));

export function isCaseFact<E extends { type: string }>(event: E): event is Extract<E, { type: CaseFactType }> {
  return CASE_FACTS.has(event.type);
}

/** The entities one fact names, read through its registry entry. */
export function touchesOf(event: DomainEvent): Touches {
  return (EVENTS[event.type].touches as (data: DomainEvent['data']) => Touches)(event.data);
}

// zod cannot infer a union built from a table; the mapped types above are the truth, and the
// schemas below are built from the same table, so they agree by construction.
type AnyObject = z.ZodObject<z.ZodRawShape>;
const union = (options: AnyObject[]) => z.discriminatedUnion('type', options as [AnyObject, ...AnyObject[]]);

export const DomainEvent = union(EVENT_TYPES.map((type) => z.strictObject({ type: z.literal(type), data: EVENTS[type].data }))) as unknown as z.ZodType<
  DomainEvent,
  { [T in EventType]: { type: T; data: DataInputOf<T> } }[EventType]
>;

/** Largest ingest request body, and most facts in one request. */
export const INGEST_MAX_BYTES = 256 * 1024;
export const INGEST_MAX_EVENTS = 500;

interface IngestEnvelope {
  /** The source's own id: sending it again is acknowledged, not applied twice. */
  id: string;
  /** When it happened, ISO 8601 with an offset (e.g. 2026-11-24T14:05:00Z). */
  at: string;
}
/** One fact as a feed sends it. */
export type IngestItem = { [T in FeedEventType]: IngestEnvelope & { type: T; data: DataOf<T> } }[FeedEventType];
/** What a feed may send: fields with defaults may be left out. */
export type IngestItemInput = { [T in FeedEventType]: IngestEnvelope & { type: T; data: DataInputOf<T> } }[FeedEventType];

export const IngestItem = union(
  FEED_EVENT_TYPES.map((type) =>
    z.strictObject({
      id: z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/, 'an event id is 1–80 letters, digits or ._:-'),
      type: z.literal(type),
      at: z.iso.datetime({ offset: true }),
      data: EVENTS[type].data,
    }),
  ),
) as unknown as z.ZodType<IngestItem, IngestItemInput>;

/** Who and where a fact came from, stored beside it. */
export interface EventMeta {
  /** When it happened (the feed's clock, or the server's for commands). */
  at: number;
  /** Person or system that caused it: a user, "simulator", or "feed:<source>". */
  actor: string;
  /** Feed that sent it, or "command" for a person's action. */
  source: string;
  /** The source's own id, for idempotent ingest; null for commands. */
  sourceEventId: string | null;
}

/** A fact as stored: global, gap-free sequence number plus metadata. */
export type LoggedEvent = DomainEvent & EventMeta & { seq: number; recordedAt: number };

export const LoggedEvent = union(
  EVENT_TYPES.map((type) =>
    z.strictObject({
      seq: z.number().int().min(1),
      type: z.literal(type),
      data: EVENTS[type].data,
      at: z.number().int().describe('When it happened (the feed\'s clock, or the server\'s for commands), epoch ms.'),
      recordedAt: z.number().int().describe('When the server stored it, epoch ms.'),
      actor: z.string().describe('Person or system that caused it: a user, "simulator", or "feed:<source>".'),
      source: z.string().describe('Feed that sent it, or "command" for a person\'s action.'),
      sourceEventId: z.string().nullable().describe("The source's own id, for idempotent ingest; null for commands."),
    }),
  ),
).describe('A fact as stored: its global, gap-free sequence number, its data and where it came from.') as unknown as z.ZodType<LoggedEvent>;
