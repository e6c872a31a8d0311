import { setImmediate as nextTurn } from 'node:timers/promises';
import type {
  Ack,
  AssignOfficer,
  Delta,
  DomainEvent,
  IngestBatch,
  IngestResult,
  LiveDerived,
  LoggedEvent,
  ProtocolError,
  Snapshot,
} from '../../protocol/index.js';
import type { EventStore } from '../../db/store.js';
import {
  applyEvent,
  checkFact,
  decideAssign,
  derivedOf,
  deserialiseState,
  initialState,
  patchOf,
  serialiseState,
  snapshotOf,
  touchedBy,
  type AlertSettings,
  type Decision,
  type Reference,
  type State,
} from '../domain/index.js';
import type { Clock } from '../clock.js';
import { messageOf, silentLogger, type Logger } from '../log.js';
import { DeltaBuffer } from './delta-buffer.js';
import { SerialQueue } from './serial-queue.js';
import { stringifyInSlices } from './stringify-in-slices.js';
import { applyThenUndo, trackable } from './tracked-state.js';

export interface EngineOptions {
  store: EventStore;
  clock: Clock;
  reference: Reference;
  /**
   * Write a checkpoint after this many events, so a restart replays only a short tail. It is
   * encoded in slices and written after the batch that triggered it, off the write path.
   */
  checkpointEvery?: number;
  /** How many recent deltas a reconnecting client can catch up from. */
  resumeWindow?: number;
  /** How far ahead of our clock a feed's timestamp may be before we call it wrong. */
  maxClockSkewMs?: number;
  /** When PACE and High Harm waits raise alerts. */
  alertSettings?: AlertSettings;
  /** Where failed appends and checkpoints are reported. */
  log?: Logger;
}

type Pending = DomainEvent & { at: number; actor: string; source: string; sourceEventId: string | null };
type Listener = (deltas: readonly Delta[]) => void;

const fingerprint = (type: string, at: number, data: string) => `${type}|${at}|${data}`;

const fail = (code: ProtocolError['code'], message: string): { ok: false; error: ProtocolError } => ({
  ok: false,
  error: { code, message },
});

/**
 * The live engine: owns the projection, appends to the log and tells subscribers what changed.
 * Every write goes: decide (pure) → apply to the state, recording the changes → take them back →
 * append in one transaction → put them again → publish. Applying in place costs O(changes), not a
 * copy of every map per batch; taking the changes back before the append means no reader ever
 * sees a fact the log does not hold. A refused or failed write leaves state, log and subscribers
 * untouched.
 */
export class LiveEngine {
  #state: State;
  readonly #store: EventStore;
  readonly #clock: Clock;
  readonly #queue = new SerialQueue();
  readonly #buffer: DeltaBuffer;
  readonly #listeners = new Set<Listener>();
  readonly #checkpointEvery: number;
  readonly #maxSkew: number;
  readonly #alertSettings: AlertSettings | undefined;
  readonly #reference: Reference;
  readonly #log: Logger;
  #sinceCheckpoint = 0;
  #checkpointing: Promise<void> | null = null;

  private constructor(state: State, options: EngineOptions) {
    this.#state = trackable(state);
    this.#store = options.store;
    this.#clock = options.clock;
    this.#buffer = new DeltaBuffer(options.resumeWindow ?? 20_000);
    this.#checkpointEvery = options.checkpointEvery ?? 5_000;
    this.#maxSkew = options.maxClockSkewMs ?? 5 * 60_000;
    this.#alertSettings = options.alertSettings;
    this.#reference = options.reference;
    this.#log = options.log ?? silentLogger;
  }

  /** Restores state from the latest checkpoint plus the log after it. */
  static async open(options: EngineOptions): Promise<LiveEngine> {
    const checkpoint = await options.store.latestCheckpoint();
    const engine = new LiveEngine(checkpoint ? deserialiseState(checkpoint) : initialState(options.reference), options);
    await engine.#replayTail();
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

  /** A person moves an officer to a suite. */
  assign(command: AssignOfficer, actor: string): Promise<Ack<{ seq: number }>> {
    return this.execute((state, now) => decideAssign(state, command, now), actor);
  }

  /**
   * A person's command: `decide` is a pure domain function of the state and the time; what it
   * returns is stored as that person's act.
   */
  execute(decide: (state: State, now: number) => Decision, actor: string): Promise<Ack<{ seq: number }>> {
    return this.#queue.run(async () => {
      const now = this.#clock.now();
      const decision = decide(this.#state, now);
      if (!decision.ok) return { ok: false, error: decision.rejection };
      const pending = decision.events.map((e) => ({ ...e, at: now, actor, source: 'command', sourceEventId: null }));
      const committed = await this.#commit(pending);
      return committed.ok ? { ok: true, data: { seq: this.#state.seq } } : committed;
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
   * Facts from a feed (or the simulator). All or nothing: one refused fact refuses the batch.
   * A fact sent again with the same id and body is acknowledged as a duplicate, not applied twice.
   */
  ingest(batch: IngestBatch, actor: string): Promise<Ack<IngestResult>> {
    return this.#queue.run(async () => {
      const known = await this.#store.findSourceEvents(batch.source, batch.events.map((e) => e.id));
      const seenHere = new Map<string, string>();
      const pending: Pending[] = [];
      let duplicates = 0;
      const latest = this.#clock.now() + this.#maxSkew;
      for (const [index, item] of batch.events.entries()) {
        const at = Date.parse(item.at);
        if (at > latest) return fail('invalid_input', `events[${index}].at is in the future (${item.at}).`);
        // Same source and id again: a retry if it is the same fact, a conflict if it is not.
        const print = fingerprint(item.type, at, JSON.stringify(item.data));
        const earlier = known.get(item.id);
        const earlierPrint = earlier ? fingerprint(earlier.type, earlier.at, earlier.data) : seenHere.get(item.id);
        if (earlierPrint !== undefined) {
          if (earlierPrint !== print)
            return fail('duplicate_id', `events[${index}]: id ${item.id} was already used for a different fact.`);
          duplicates++;
          continue;
        }
        seenHere.set(item.id, print);
        pending.push({ type: item.type, data: item.data, at, actor, source: batch.source, sourceEventId: item.id } as Pending);
      }
      const committed = await this.#commit(pending);
      if (!committed.ok) return committed;
      return { ok: true, data: { applied: pending.length, duplicates, lastSeq: this.#state.seq } };
    });
  }

  /** Waits for queued writes, then writes a checkpoint (on shutdown). */
  async close(): Promise<void> {
    await this.#queue.run(async () => {
      await this.#checkpointing;
      if (this.#sinceCheckpoint > 0) await this.#checkpoint();
    });
  }

  async #commit(pending: readonly Pending[]): Promise<{ ok: true } | { ok: false; error: ProtocolError }> {
    if (pending.length === 0) return { ok: true };
    const recordedAt = this.#clock.now();
    const { result, redo } = applyThenUndo(this.#state, () => this.#applyBatch(pending, recordedAt));
    if (!result.ok) return result;
    try {
      await this.#store.append(result.logged);
    } catch (error) {
      this.#log.error('engine.append_failed', { message: messageOf(error) });
      return fail('internal', 'The event could not be stored; nothing was changed. Try again.');
    }
    redo();
    this.#publish(result.deltas);
    this.#sinceCheckpoint += result.logged.length;
    if (this.#sinceCheckpoint >= this.#checkpointEvery && !this.#checkpointing) {
      this.#checkpointing = this.#checkpoint().finally(() => (this.#checkpointing = null));
    }
    return { ok: true };
  }

  /** Checks and applies each fact in turn; stops at the first one refused. */
  #applyBatch(pending: readonly Pending[], recordedAt: number): { ok: true; logged: LoggedEvent[]; deltas: Delta[] } | { ok: false; error: ProtocolError } {
    const state = this.#state;
    const logged: LoggedEvent[] = [];
    const deltas: Delta[] = [];
    for (const [index, p] of pending.entries()) {
      const rejection = checkFact(state, p, p.at);
      if (rejection) {
        const where = pending.length > 1 ? `events[${index}]: ` : '';
        return fail(rejection.code, where + rejection.message);
      }
      const event = { ...p, seq: state.seq + 1, recordedAt } as LoggedEvent;
      deltas.push(this.#apply(state, event, recordedAt));
      logged.push(event);
    }
    return { ok: true, logged, deltas };
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

  #apply(state: State, event: LoggedEvent, now: number): Delta {
    const touched = touchedBy(event, state);
    applyEvent(state, event);
    state.seq = event.seq;
    const { seq, at, actor, source, type } = event;
    return { seq, at, actor, source, type, patch: patchOf(touched, state, now) };
  }

  #publish(deltas: readonly Delta[]): void {
    this.#buffer.push(deltas);
    for (const listener of this.#listeners) listener(deltas);
  }

  async #replayTail(): Promise<void> {
    const page = 10_000;
    for (;;) {
      const events = await this.#store.eventsAfter(this.#state.seq, page);
      if (events.length === 0) return;
      const now = this.#clock.now();
      this.#buffer.push(events.map((e) => this.#apply(this.#state, e, now)));
      this.#sinceCheckpoint += events.length;
    }
  }
}
