import { UNAVAILABLE_MESSAGE, type Ack, type Delta, type DomainEvent, type LoggedEvent, type ProtocolError } from '../../protocol/index.js';
import { SeqConflict, type EventStore } from '../../db/store.js';
import { storageUnavailable } from '../../db/store-errors.js';
import { checkFact, type CaseRecord, type EventGuard, type State } from '../domain/index.js';
import type { Clock } from '../clock.js';
import { messageOf, type Logger } from '../log.js';
import { GroupQueue } from './group-queue.js';
import { applyThenUndo, type Recorded } from './tracked-state.js';
import { WriteRecords } from './write-records.js';
import type { Plan, Planner } from './write-plans.js';

/** What the write path works on: the engine's state, how it applies a fact and tells subscribers. */
export interface WriteTarget {
  /** The live state (trackable: a group is applied, taken back, then put again). */
  readonly state: State;
  /** Applies one fact; `touchedCases` receives the custody references it changed. */
  apply(event: LoggedEvent, now: number, touchedCases: string[]): Delta;
  /** Tells subscribers what changed (only once it is stored). */
  publish(deltas: readonly Delta[]): void;
  /** Counts stored facts (for checkpoints). */
  afterAppend(count: number): void;
  /** Applies what other nodes appended to the log after our sequence number. */
  readLog(): Promise<void>;
}

interface Write {
  guard: EventGuard | undefined;
  /** Reads what the decision needs from storage, then gives the pure decision. */
  prepare: () => Promise<Planner>;
  done: (ack: Ack<unknown>) => void;
}
type Job = { write: Write } | { task: () => Promise<void>; done: (error?: unknown) => void };
type Applied = { ok: true; logged: LoggedEvent[]; deltas: Delta[]; records: CaseRecord[]; answer: unknown } | { ok: false; error: ProtocolError };

/** Attempts at a group whose append lost the race to another node before we give up. */
const MAX_ATTEMPTS = 8;
/** A short random pause before trying again, growing with each lost race, so two busy nodes stop colliding. */
const backOff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));

const fail = (code: ProtocolError['code'], message: string): { ok: false; error: ProtocolError } => ({ ok: false, error: { code, message } });

/**
 * The engine's write path: group commit. Writes (people's commands and feeds' facts) queue up and
 * run a group at a time: each is decided (pure) and applied to the state, recording the changes,
 * on top of the ones before it; then the whole group is taken back, appended with its read-model
 * rows in one durable transaction (one fsync for the group), put again and published. No reader
 * ever sees a fact the log does not hold, and a refused or failed write leaves state, log and
 * subscribers untouched. Tasks (catching up with the log, closing) run between groups, alone.
 *
 * When another node appended first, the append is refused (SeqConflict): the log is read and the
 * group decided again.
 */
export class GroupCommit {
  readonly #target: WriteTarget;
  readonly #store: EventStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #queue = new GroupQueue<Job>((jobs) => this.#run(jobs));
  /** Another node may have appended: read the log before deciding. */
  #behind = false;

  constructor(target: WriteTarget, store: EventStore, clock: Clock, log: Logger) {
    this.#target = target;
    this.#store = store;
    this.#clock = clock;
    this.#log = log;
  }

  write<R>(guard: EventGuard | undefined, prepare: () => Promise<Planner<R>>): Promise<Ack<R>> {
    return new Promise((resolve) => this.#queue.push({ write: { guard, prepare, done: resolve as (ack: Ack<unknown>) => void } }));
  }

  task(task: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => this.#queue.push({ task, done: (error) => (error === undefined ? resolve() : reject(error)) }));
  }

  /** Another node may have appended: the next group reads the log first. */
  markBehind(): void {
    this.#behind = true;
  }

  /** Reads and applies what other nodes appended; call from a task. */
  async catchUp(): Promise<void> {
    await this.#target.readLog();
    this.#behind = false;
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
        if (this.#behind) await this.catchUp();
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
    const state = this.#target.state;
    const planners = await Promise.all(writes.map((w) => w.prepare()));
    const now = this.#clock.now();
    const sourceIdsInGroup = new Map<string, string>();
    const outcomes = writes.map((w, i) => {
      const recorded = applyThenUndo(state, () => this.#applyWrite(planners[i]!, w.guard, now, sourceIdsInGroup));
      if (recorded.result.ok) recorded.redo(); // the next write decides on top of this one
      return recorded;
    });
    const accepted = outcomes.filter((o): o is Recorded<Extract<Applied, { ok: true }>> => o.result.ok);
    for (const o of [...accepted].reverse()) o.undo();
    // No refusal on stale state: a fact about a case another node booked a moment ago must not be
    // refused because this node has not read it yet. If the log has moved on, read it and decide again.
    if (recheckRefusals && accepted.length < outcomes.length && (await this.#store.lastSeq()) > state.seq) return false;
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
    if (deltas.length) this.#target.publish(deltas);
    writes.forEach((w, i) => {
      const result = outcomes[i]!.result;
      w.done(result.ok ? { ok: true, data: result.answer } : result);
    });
    this.#target.afterAppend(deltas.length);
    return true;
  }

  /** Decides one write and applies its facts; refuses the whole write at its first refused fact. */
  #applyWrite(planner: Planner, guard: EventGuard | undefined, now: number, sourceIdsInGroup: Map<string, string>): Applied {
    const state = this.#target.state;
    const plan: Plan = planner(state, now, sourceIdsInGroup);
    if (!plan.ok) return plan;
    const logged: LoggedEvent[] = [];
    const deltas: Delta[] = [];
    const records = new WriteRecords(state);
    const touchedCases: string[] = [];
    for (const [index, p] of plan.pending.entries()) {
      const rejection = guard?.(state, p as DomainEvent) ?? checkFact(state, p, p.at);
      if (rejection) return fail(rejection.code, (plan.pending.length > 1 ? `events[${index}]: ` : '') + rejection.message);
      const event = { ...p, seq: state.seq + 1, recordedAt: now } as LoggedEvent;
      records.before(event);
      touchedCases.length = 0;
      deltas.push(this.#target.apply(event, now, touchedCases));
      records.touched(touchedCases, event.seq);
      logged.push(event);
    }
    return { ok: true, logged, deltas, records: records.records(), answer: plan.answer(state.seq, logged.length) };
  }
}
