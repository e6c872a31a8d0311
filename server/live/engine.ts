import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Ack, AssignOfficer, Delta, IngestBatch, IngestResult, LiveDerived, LoggedEvent, Snapshot } from '../../protocol/index.js';
import type { EventStore } from '../../db/store.js';
import {
  applyEvent,
  decideAssign,
  derivedOf,
  initialState,
  patchOf,
  serialiseState,
  snapshotOf,
  stateFromCheckpoint,
  touchedBy,
  withLapsed,
  type AlertSettings,
  type Decision,
  type EventGuard,
  type Reference,
  type State,
} from '../domain/index.js';
import type { Clock } from '../clock.js';
import { messageOf, silentLogger, type Logger } from '../log.js';
import { DeltaBuffer } from './delta-buffer.js';
import { GroupCommit } from './group-commit.js';
import { backfillReadModels } from './read-model-backfill.js';
import { stringifyInSlices } from './stringify-in-slices.js';
import { trackable } from './tracked-state.js';
import { planIngest, type Pending, type Planner } from './write-plans.js';

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

/**
 * The live engine: owns the projection, appends to the log and tells subscribers what changed.
 *
 * Writes go through the group commit (group-commit.ts): decided and applied on the very state
 * they change, stored with their read-model rows in one durable transaction, then published.
 * The engine holds the state, applies facts (its own, and other nodes' from the log), keeps the
 * recent deltas for reconnecting clients and writes checkpoints.
 */
export class LiveEngine {
  readonly #state: State;
  readonly #store: EventStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #writes: GroupCommit;
  readonly #buffer: DeltaBuffer;
  readonly #listeners = new Set<Listener>();
  readonly #checkpointEvery: number;
  readonly #writesCheckpoints: () => boolean;
  readonly #maxSkew: number;
  readonly #alertSettings: AlertSettings | undefined;
  readonly #reference: Reference;
  #sinceCheckpoint = 0;
  #checkpointing: Promise<void> | null = null;
  #following: Promise<void> | null = null;

  private constructor(state: State, options: EngineOptions) {
    this.#state = trackable(state);
    this.#store = options.store;
    this.#clock = options.clock;
    this.#log = options.log ?? silentLogger;
    this.#writes = new GroupCommit(
      {
        state: this.#state,
        apply: (event, now, touchedCases) => this.#apply(event, now, touchedCases),
        publish: (deltas) => this.#publish(deltas),
        afterAppend: (count) => this.#afterAppend(count),
        readLog: () => this.#readLog(),
      },
      this.#store,
      this.#clock,
      this.#log,
    );
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
    return this.#writes.write(guard, async () => planner);
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
    return this.#writes.write(guard, async () => {
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
    this.#writes.markBehind();
    this.#following ??= this.#writes.task(async () => {
      this.#following = null;
      await this.#writes.catchUp();
    });
    return this.#following;
  }

  /** Waits for queued writes, then writes a checkpoint (on shutdown). */
  close(): Promise<void> {
    return this.#writes.task(async () => {
      await this.#checkpointing;
      if (this.#sinceCheckpoint > 0 && this.#writesCheckpoints()) await this.#checkpoint();
    });
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
  }
}
