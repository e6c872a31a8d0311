import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  UNAVAILABLE_MESSAGE,
  type Ack,
  type AssignOfficer,
  type Delta,
  type DomainEvent,
  type IngestBatch,
  type IngestResult,
  type LiveDerived,
  type LoggedEvent,
  type ProtocolError,
  type Snapshot,
} from '../../protocol/index.js';
import { SeqConflict, type EventStore } from '../../db/store.js';
import { storageUnavailable } from '../../db/store-errors.js';
import {
  applyEvent,
  checkFact,
  decideAssign,
  derivedOf,
  initialState,
  patchOf,
  recordsOf,
  serialiseState,
  snapshotOf,
  stateFromCheckpoint,
  touchedBy,
  withLapsed,
  type AlertSettings,
  type CaseRecord,
  type Decision,
  type EventGuard,
  type Reference,
  type State,
} from '../domain/index.js';
import type { Clock } from '../clock.js';
import { messageOf, silentLogger, type Logger } from '../log.js';
import { DeltaBuffer } from './delta-buffer.js';
import { GroupQueue } from './group-queue.js';
import { backfillReadModels } from './read-model-backfill.js';
import { stringifyInSlices } from './stringify-in-slices.js';
import { applyThenUndo, trackable, type Recorded } from './tracked-state.js';
import { planIngest, type Pending, type Plan, type Planner } from './write-plans.js';

export interface EngineOptions {
  store: EventStore;
  clock: Clock;
  reference: Reference;
  /**
   * Write a checkpoint after this many events, so a restart replays only a short tail. It is
   * encoded in slices and written after the batch that triggered it, off the write path.
   */
  checkpointEvery?: number;
  /** Whether this process writes checkpoints (in a cluster, only the elected node does). */
  writesCheckpoints?: () => boolean;
  /** How many recent deltas a reconnecting client can catch up from. */
  resumeWindow?: number;
  /** How far ahead of our clock a feed's timestamp may be before we call it wrong. */
  maxClockSkewMs?: number;
  /** When PACE and High Harm waits raise alerts. */
  alertSettings?: AlertSettings;
  log?: Logger;
}

type Listener = (deltas: readonly Delta[]) => void;

interface Write {
  actor: string;
  guard: EventGuard | undefined;
  /** Reads what the decision needs from storage, then gives the pure decision. */
  prepare: () => Promise<Planner>;
  done: (ack: Ack<unknown>) => void;
}
type Job = { write: Write } | { task: () => Promise<void>; done: (error?: unknown) => void };

/** Attempts at a group whose append lost the race to another node before we give up. */
const MAX_ATTEMPTS = 8;
/** A short random pause before trying again, growing with each lost race, so two busy nodes stop colliding. */
const backOff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));

const fail = (code: ProtocolError['code'], message: string): { ok: false; error: ProtocolError } => ({ ok: false, error: { code, message } });

/**
 * The live engine: owns the projection, appends to the log and tells subscribers what changed.
 *
 * Writes (people's commands and feeds' facts) queue up and run a group at a time: each is
 * decided (pure) and applied to the state, recording the changes, on top of the ones before it;
 * then the whole group is taken back, appended in one durable transaction (one fsync for the
 * group: group commit), put again and published. No reader ever sees a fact the log does not
 * hold, and a refused or failed write leaves state, log and subscribers untouched.
 *
 * Checks that need the state (regions, known cases) run inside the queue on the very state the
 * fact is applied to. When another node appended first, the append is refused (SeqConflict):
 * the engine reads what it missed from the log and decides the group again.
 */
export class LiveEngine {
  #state: State;
  readonly #store: EventStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #queue: GroupQueue<Job>;
  readonly #buffer: DeltaBuffer;
  readonly #listeners = new Set<Listener>();
  readonly #checkpointEvery: number;
  readonly #writesCheckpoints: () => boolean;
  readonly #maxSkew: number;
  readonly #alertSettings: AlertSettings | undefined;
  readonly #reference: Reference;
  #sinceCheckpoint = 0;
  #checkpointing: Promise<void> | null = null;
  /** Another node may have appended: read the log before deciding. */
  #behind = false;
  #following: Promise<void> | null = null;

  private constructor(state: State, options: EngineOptions) {
    this.#state = trackable(state);
    this.#store = options.store;
    this.#clock = options.clock;
    this.#log = options.log ?? silentLogger;
    this.#queue = new GroupQueue((jobs) => this.#run(jobs));
    this.#buffer = new DeltaBuffer(options.resumeWindow ?? 20_000);
    this.#checkpointEvery = options.checkpointEvery ?? 5_000;
    this.#writesCheckpoints = options.writesCheckpoints ?? (() => true);
    this.#maxSkew = options.maxClockSkewMs ?? 5 * 60_000;
    this.#alertSettings = options.alertSettings;
    this.#reference = options.reference;
  }

  /** Restores state from the latest checkpoint (if it is of today's format) plus the log after it. */
  static async open(options: EngineOptions): Promise<LiveEngine> {
    // Reports read the read models: on a database written before them, fold them from the log first.
    await backfillReadModels(options.store, options.reference, options.log);
    const checkpoint = stateFromCheckpoint(await options.store.latestCheckpoint());
    const engine = new LiveEngine(checkpoint ?? initialState(options.reference), options);
    await engine.#readLog();
    return engine;
  }

  get state(): State {
    return this.#state;
  }

  get seq(): number {
    return this.#state.seq;
  }

  /** The reference data the log is folded onto (for replays). */
  get reference(): Reference {
    return this.#reference;
  }

  get alertSettings(): AlertSettings | undefined {
    return this.#alertSettings;
  }

  /** When the latest fact in the log happened (null on an empty log): where a simulator resumes. */
  get lastEventAt(): number | null {
    return this.#state.lastEventAt;
  }

  /** When the latest fact from a feed happened (people's commands aside): where a simulator resumes. */
  get lastFeedFactAt(): number | null {
    return this.#state.lastFeedFactAt;
  }

  /** The whole live state; `derived` may supply alerts and queues already computed for this moment. */
  snapshot(derived?: () => LiveDerived): Snapshot {
    return snapshotOf(this.#state, this.#clock.now(), this.#alertSettings, derived);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The deltas after a client's last sequence number, in order, or null when they are no longer
   * all held (or the client knows of a later log than ours): then it needs a snapshot.
   * Synchronous on purpose: the caller subscribes the client in the same tick, so no delta can fall
   * between the reply and the first broadcast it receives.
   */
  missedSince(lastSeq: number | null): Delta[] | null {
    if (lastSeq === null || lastSeq > this.#state.seq) return null;
    return this.#buffer.after(lastSeq, this.#state.seq);
  }

  /**
   * A person's command: `decide` is a pure domain function of the state and the time; what it
   * returns is stored as that person's act, if `guard` lets every resulting fact through.
   */
  execute(decide: (state: State, now: number) => Decision, actor: string, guard?: EventGuard): Promise<Ack<{ seq: number }>> {
    const planner: Planner<{ seq: number }> = (state, now) => {
      const decision = decide(state, now);
      if (!decision.ok) return { ok: false, error: decision.rejection };
      const pending = decision.events.map((e): Pending => ({ ...e, at: now, actor, source: 'command', sourceEventId: null }));
      return { ok: true, pending, answer: (seq) => ({ seq }) };
    };
    return this.#write(actor, guard, async () => planner);
  }

  /** A person moves an officer to a suite (the simulator's dispatcher uses this too). */
  assign(command: AssignOfficer, actor: string, guard?: EventGuard): Promise<Ack<{ seq: number }>> {
    return this.execute((state, now) => decideAssign(state, command, now), actor, guard);
  }

  /**
   * Facts from a feed (or the simulator). All or nothing: one refused fact refuses the batch.
   * A fact sent again with the same id and body is acknowledged as a duplicate, not applied twice.
   */
  ingest(batch: IngestBatch, actor: string, guard?: EventGuard): Promise<Ack<IngestResult>> {
    return this.#write(actor, guard, async () => {
      const known = await this.#store.findSourceEvents(batch.source, batch.events.map((e) => e.id));
      return planIngest(batch, actor, known, this.#maxSkew);
    });
  }

  /** Alerts, CCU queue and capacity as of now. */
  derived(): LiveDerived {
    return derivedOf(this.#state, this.#clock.now(), this.#alertSettings);
  }

  now(): number {
    return this.#clock.now();
  }

  /**
   * Reads and applies what other nodes appended (after a notification, a reconnect or on a slow
   * poll). Calls made while one is waiting share it.
   */
  follow(): Promise<void> {
    this.#behind = true;
    this.#following ??= this.#task(async () => {
      this.#following = null;
      await this.#readLog();
    });
    return this.#following;
  }

  /** Waits for queued writes, then writes a checkpoint (on shutdown). */
  close(): Promise<void> {
    return this.#task(async () => {
      await this.#checkpointing;
      if (this.#sinceCheckpoint > 0 && this.#writesCheckpoints()) await this.#checkpoint();
    });
  }

  #write<R>(actor: string, guard: EventGuard | undefined, prepare: () => Promise<Planner<R>>): Promise<Ack<R>> {
    return new Promise((resolve) => this.#queue.push({ write: { actor, guard, prepare, done: resolve as (ack: Ack<unknown>) => void } }));
  }

  #task(task: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => this.#queue.push({ task, done: (error) => (error === undefined ? resolve() : reject(error)) }));
  }

  /** Runs a group of jobs in order: consecutive writes share one append, tasks run alone. */
  async #run(jobs: Job[]): Promise<void> {
    let writes: Write[] = [];
    for (const job of jobs) {
      if ('write' in job) {
        writes.push(job.write);
        continue;
      }
      await this.#writeGroup(writes);
      writes = [];
      try {
        await job.task();
        job.done();
      } catch (error) {
        job.done(error ?? new Error('task failed'));
      }
    }
    await this.#writeGroup(writes);
  }

  async #writeGroup(writes: readonly Write[]): Promise<void> {
    if (writes.length === 0) return;
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        if (this.#behind) await this.#readLog();
        if (await this.#tryGroup(writes, attempt < MAX_ATTEMPTS)) return;
        this.#behind = true; // another node appended first: read what it wrote, decide again
        await backOff(attempt);
      }
      for (const w of writes) w.done(fail('internal', 'The service is very busy and could not store this; nothing was changed. Try again.'));
    } catch (error) {
      // A commit cut off in flight may still have been stored: read the log before deciding again.
      this.#behind = true;
      const unavailable = storageUnavailable(error);
      this.#log.error(unavailable ? 'engine.storage_unavailable' : 'engine.write_failed', { message: messageOf(error) });
      const answer = unavailable ? fail('unavailable', UNAVAILABLE_MESSAGE) : fail('internal', 'The event could not be stored; nothing was changed. Try again.');
      for (const w of writes) w.done(answer);
    }
  }

  /**
   * One attempt at a group: false when another node appended first (nothing was stored), or when
   * a write was refused on a state the log has since moved beyond (`recheckRefusals`; the last
   * attempt answers refusals as they stand).
   */
  async #tryGroup(writes: readonly Write[], recheckRefusals: boolean): Promise<boolean> {
    const planners = await Promise.all(writes.map((w) => w.prepare()));
    const now = this.#clock.now();
    const sourceIdsInGroup = new Map<string, string>();
    const outcomes = writes.map((w, i) => {
      const recorded = applyThenUndo(this.#state, () => this.#applyWrite(planners[i]!, w.guard, now, sourceIdsInGroup));
      if (recorded.result.ok) recorded.redo(); // the next write decides on top of this one
      return recorded;
    });
    const accepted = outcomes.filter((o): o is Recorded<Extract<Applied, { ok: true }>> => o.result.ok);
    for (const o of [...accepted].reverse()) o.undo();
    // No refusal on stale state: a fact about a case another node booked a moment ago must not be
    // refused because this node has not read it yet. If the log has moved on, read it and decide again.
    if (recheckRefusals && accepted.length < outcomes.length && (await this.#store.lastSeq()) > this.#state.seq) return false;
    const logged = accepted.flatMap((o) => o.result.logged);
    // One record per case, the group's last: the read models as they stand after the whole group.
    const records = new Map<string, CaseRecord>();
    for (const o of accepted) for (const r of o.result.records) records.set(r.custodyRef, r);
    try {
      if (logged.length > 0) await this.#store.append(logged, { cases: [...records.values()] });
    } catch (error) {
      if (error instanceof SeqConflict) return false;
      throw error;
    }
    for (const o of accepted) o.redo();
    const deltas = accepted.flatMap((o) => o.result.deltas);
    if (deltas.length) this.#publish(deltas);
    writes.forEach((w, i) => {
      const result = outcomes[i]!.result;
      w.done(result.ok ? { ok: true, data: result.answer } : result);
    });
    this.#afterAppend(deltas.length);
    return true;
  }

  /** Decides one write and applies its facts; refuses the whole write at its first refused fact. */
  #applyWrite(planner: Planner, guard: EventGuard | undefined, now: number, sourceIdsInGroup: Map<string, string>): Applied {
    const plan: Plan = planner(this.#state, now, sourceIdsInGroup);
    if (!plan.ok) return plan;
    const state = this.#state;
    const logged: LoggedEvent[] = [];
    const deltas: Delta[] = [];
    const records = new Map<string, CaseRecord>();
    for (const [index, p] of plan.pending.entries()) {
      const rejection = guard?.(state, p as DomainEvent) ?? checkFact(state, p, p.at);
      if (rejection) return fail(rejection.code, (plan.pending.length > 1 ? `events[${index}]: ` : '') + rejection.message);
      const event = { ...p, seq: state.seq + 1, recordedAt: now } as LoggedEvent;
      const touchedCases: string[] = [];
      deltas.push(this.#apply(event, now, touchedCases));
      // Taken after each fact: a later fact of a long import may prune a case from memory.
      for (const r of recordsOf(state, touchedCases, event.seq)) records.set(r.custodyRef, r);
      logged.push(event);
    }
    return { ok: true, logged, deltas, records: [...records.values()], answer: plan.answer(state.seq, logged.length) };
  }

  #afterAppend(count: number): void {
    this.#sinceCheckpoint += count;
    if (this.#sinceCheckpoint >= this.#checkpointEvery && !this.#checkpointing && this.#writesCheckpoints()) {
      this.#checkpointing = this.#checkpoint().finally(() => (this.#checkpointing = null));
    }
  }

  /**
   * Captures the state as it is now (entities are immutable, so copying the maps' values is enough
   * to freeze it), then encodes it a slice at a time while writes go on, and stores it.
   */
  async #checkpoint(): Promise<void> {
    const frozen = serialiseState(this.#state);
    const counted = this.#sinceCheckpoint;
    this.#sinceCheckpoint = 0;
    try {
      await nextTurn(); // the batch's reply and broadcast go first
      const json = await stringifyInSlices(frozen as unknown as Record<string, unknown>);
      await this.#store.saveCheckpoint(frozen.seq, this.#clock.now(), json);
    } catch (error) {
      // Not fatal: the log holds every fact; the next checkpoint is tried after the next batch.
      this.#sinceCheckpoint += counted;
      this.#log.error('engine.checkpoint_failed', { message: messageOf(error) });
    }
  }

  /** Applies one fact; `touchedCases` (if given) receives the custody references it changed. */
  #apply(event: LoggedEvent, now: number, touchedCases?: string[]): Delta {
    const state = this.#state;
    const touched = touchedBy(event, state);
    withLapsed(touched, state, applyEvent(state, event));
    state.seq = event.seq;
    touchedCases?.push(...touched.cases);
    const { seq, at, actor, source, type } = event;
    return { seq, at, actor, source, type, patch: patchOf(touched, state, now) };
  }

  #publish(deltas: readonly Delta[]): void {
    this.#buffer.push(deltas);
    for (const listener of this.#listeners) listener(deltas);
  }

  /** Applies the log after our sequence number: at start, and after other nodes appended. */
  async #readLog(): Promise<void> {
    const page = 10_000;
    for (;;) {
      const events = await this.#store.eventsAfter(this.#state.seq, page);
      if (events.length === 0) break;
      const now = this.#clock.now();
      const deltas = events.map((e) => this.#apply(e, now));
      this.#publish(deltas);
      this.#afterAppend(events.length);
      if (events.length < page) break;
    }
    this.#behind = false;
  }
}

type Applied = { ok: true; logged: LoggedEvent[]; deltas: Delta[]; records: CaseRecord[]; answer: unknown } | { ok: false; error: ProtocolError };
