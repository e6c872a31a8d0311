import {
  IngestItem,
  londonDay,
  type Ack,
  type AssignOfficer,
  type IngestBatch,
  type IngestResult,
  type LoggedEvent,
} from '../../protocol/index.js';
import {
  applyEvent,
  decideAssign,
  decidePublishHighHarm,
  detentionLimits,
  etdRequired,
  initialState,
  nonAttendanceOf,
  type Decision,
  type Reference,
  type State,
} from '../../server/domain/index.js';
import { ManualClock, type Clock } from '../../server/clock.js';
import type { SimulatorPort } from '../../server/simulator/port.js';
import { createSimulatorRunner } from '../../server/simulator/runner.js';
import { foldFacts } from '../../server/simulator/fold-facts.js';
import type { Pending } from '../../server/live/write-plans.js';
import { createLogger } from '../../server/log.js';
import { SimulationClock } from '../../server/simulator/simulation-clock.js';
import { buildReference, readInitialHighHarm } from '../../db/reference/index.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Midnight London time on a Tuesday in November (GMT), so hours and days are easy to read. */
export const TUESDAY = Date.parse('2026-11-24T00:00:00Z');

/** The real reference: 72 suites from the CSV and the starting roster built from them. */
export const realReference: Reference = buildReference().reference;

/** A fact as accepted, with its numeric time. */
export type Accepted = LoggedEvent;

/**
 * An in-memory engine for tests: validates each item against the wire schema, refuses a batch
 * whole if the domain's `checkFact` refuses any fact (as the engine does), and applies the rest
 * with the real reducer. Everything accepted is kept in `log`; every refusal in `refusals`.
 */
export class FakePort implements SimulatorPort {
  state: State;
  readonly log: Accepted[] = [];
  readonly refusals: string[] = [];
  readonly ids = new Set<string>();
  readonly #clock: Clock;

  constructor(reference: Reference, clock: Clock, state?: State) {
    this.state = state ?? withHighHarmV1(initialState(reference), clock.now());
    this.#clock = clock;
  }

  async ingest(batch: IngestBatch, actor: string): Promise<Ack<IngestResult>> {
    const pending: Pending[] = [];
    for (const [index, item] of batch.events.entries()) {
      const parsed = IngestItem.safeParse(item);
      if (!parsed.success) return this.#refuse(`events[${index}] is not valid: ${parsed.error.message}`);
      if (this.ids.has(item.id)) return this.#refuse(`events[${index}]: id ${item.id} was used before`);
      const at = Date.parse(item.at);
      if (at > this.#clock.now()) return this.#refuse(`events[${index}] is in the future`);
      pending.push({ type: item.type, data: item.data, at, actor, source: batch.source, sourceEventId: item.id } as Pending);
    }
    const folded = foldFacts(this.state, pending);
    if (!folded.ok) return this.#refuse(`events[${folded.index}] ${pending[folded.index]!.type}: ${folded.rejection.message}`);
    for (const e of folded.events) this.ids.add(e.sourceEventId ?? '');
    this.state = folded.state;
    this.log.push(...folded.events);
    return { ok: true, data: { applied: folded.events.length, duplicates: 0, lastSeq: folded.state.seq } };
  }

  /** A person's (or the simulator's) command, decided and checked as the engine does, stamped now. */
  async execute(decide: (state: State, now: number) => Decision, actor: string): Promise<Ack<{ seq: number }>> {
    const now = this.#clock.now();
    const decision = decide(this.state, now);
    if (!decision.ok) return { ok: false, error: decision.rejection };
    const folded = foldFacts(
      this.state,
      decision.events.map((e) => ({ ...e, at: now, actor, source: 'command', sourceEventId: null })),
    );
    if (!folded.ok) return { ok: false, error: folded.rejection };
    this.state = folded.state;
    this.log.push(...folded.events);
    return { ok: true, data: { seq: folded.state.seq } };
  }

  /** A duty manager's move. */
  assign(command: AssignOfficer, actor: string): Promise<Ack<{ seq: number }>> {
    return this.execute((state, now) => decideAssign(state, command, now), actor);
  }

  #refuse(message: string): Ack<IngestResult> {
    this.refusals.push(message);
    return { ok: false, error: { code: 'invalid_input', message } };
  }
}

/** Publishes the shipped High Harm definition as version 1, as the server does on a new database. */
export function withHighHarmV1(state: State, at: number): State {
  const decision = decidePublishHighHarm(state, readInitialHighHarm(), 'Initial national definition');
  if (!decision.ok) throw new Error(decision.rejection.message);
  for (const fact of decision.events) {
    const event = { ...fact, at, actor: 'system', source: 'command', sourceEventId: null, seq: state.seq + 1, recordedAt: at } as LoggedEvent;
    applyEvent(state, event);
    state.seq = event.seq;
  }
  return state;
}

export interface SimRun {
  port: FakePort;
  clock: SimulationClock;
  /** What the runner logged at warn or above (JSON lines): a refused fact or dispatch is a model bug. */
  warnings: string[];
}

/** Plays `hours` of simulated time from `start` through the real runner, as catch-up does. */
export async function simulate(options: {
  seed: number;
  start?: number;
  hours: number;
  reference?: Reference;
  port?: FakePort;
  clock?: SimulationClock;
  autoDispatch?: boolean;
}): Promise<SimRun> {
  const start = options.start ?? TUESDAY;
  const clock = options.clock ?? new SimulationClock(new ManualClock(start), 1);
  const port = options.port ?? new FakePort(options.reference ?? realReference, clock);
  const warnings: string[] = [];
  const log = createLogger({ level: 'warn', destination: { write: (line: string) => void warnings.push(line) } });
  const runner = createSimulatorRunner({ port, clock, seed: options.seed, autoDispatch: options.autoDispatch ?? true, log });
  await runner.catchUp(start, start + options.hours * HOUR);
  return { port, clock, warnings };
}

export type Of<T extends LoggedEvent['type']> = Extract<LoggedEvent, { type: T }>;
export const ofType = <T extends LoggedEvent['type']>(log: readonly LoggedEvent[], type: T): Of<T>[] =>
  log.filter((e): e is Of<T> => e.type === type);

/**
 * The figures a stretch of simulation is judged by. Coverage is the share of people released in
 * the stretch whose status was checked before they left (the inspection's measure).
 */
export function summarise(log: readonly LoggedEvent[], reference: Reference) {
  const regionOf = new Map(reference.suites.map((s) => [s.id, s.region]));
  const arrivalsByRegion: Record<string, number> = {};
  for (const e of ofType(log, 'arrest.booked')) {
    const region = regionOf.get(e.data.suiteId) ?? '?';
    arrivalsByRegion[region] = (arrivalsByRegion[region] ?? 0) + 1;
  }
  const checks = ofType(log, 'check.completed');
  const releases = ofType(log, 'detainee.released');
  // Who was checked and where, over the whole log given (a release may follow a check made earlier).
  const checked = new Set(checks.map((c) => c.data.custodyRef));
  const coverageByRegion: Record<string, { released: number; checked: number }> = {};
  const suiteOfCase = new Map(ofType(log, 'arrest.booked').map((e) => [e.data.custodyRef, e.data.suiteId]));
  for (const r of releases) {
    const region = regionOf.get(suiteOfCase.get(r.data.custodyRef) ?? '') ?? '?';
    const row = (coverageByRegion[region] ??= { released: 0, checked: 0 });
    row.released++;
    if (checked.has(r.data.custodyRef)) row.checked++;
  }
  const releasedBeforeCheck = releases.filter((r) => !checked.has(r.data.custodyRef)).length;
  return {
    arrivals: ofType(log, 'arrest.booked').length,
    arrivalsByRegion,
    checks: checks.length,
    faceToFace: checks.filter((c) => c.data.mode === 'face_to_face').length,
    ccu: checks.filter((c) => c.data.mode === 'remote').length,
    releases: releases.length,
    releasedBeforeCheck,
    coverage: releases.length ? 1 - releasedBeforeCheck / releases.length : 0,
    coverageByRegion,
    dispatches: ofType(log, 'officer.assigned').length,
  };
}

/**
 * The case figures the domain derives, over every case in State (in custody and released):
 * High Harm, referrals, attendance, ETDs, extensions, transfers and non-attendances by London day.
 */
export function caseFigures(state: State) {
  const all = [...state.cases.values(), ...state.closedCases.values()];
  const count = (test: (c: (typeof all)[number]) => boolean) => all.filter(test).length;
  const nonAttendancesByDay: Record<string, number> = {};
  for (const c of state.closedCases.values()) {
    if (!c.released || !nonAttendanceOf(c)) continue;
    const day = londonDay(c.released.at);
    nonAttendancesByDay[day] = (nonAttendancesByDay[day] ?? 0) + 1;
  }
  return {
    cases: all.length,
    highHarm: count((c) => c.highHarm.highHarm),
    intelFlagged: count((c) => c.intelFlags.some((f) => f !== 'overseas_convictions')),
    prolific: count((c) => c.priorOffences >= 5),
    referredLate: count((c) => c.referredAt !== null && c.referredAt - c.relevantTime > HOUR),
    neverReferred: count((c) => c.referredAt === null && c.released !== null),
    released: state.closedCases.size,
    checked: count((c) => c.check !== null),
    interviews: count((c) => c.interviewAt !== null),
    decisions: count((c) => c.decision !== null),
    etdRequired: count(etdRequired),
    etdApplied: count((c) => c.etdAppliedAt !== null),
    etdAgreed: count((c) => c.etdAgreedAt !== null),
    extended: count((c) => c.paceLimitHours > detentionLimits(c.region).baseHours),
    transferred: count((c) => c.transfers.length > 0),
    nonAttendancesByDay,
  };
}
