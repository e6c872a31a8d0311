import {
  INGEST_MAX_EVENTS,
  IngestItem,
  londonDay,
  londonMidnight,
  shiftDay,
  type Ack,
  type IngestBatch,
  type IngestResult,
  type LoggedEvent,
} from '../../protocol/index.js';
import type { EventStore } from '../../db/store.js';
import { readInitialHighHarm } from '../../db/reference/index.js';
import { applyEvent, decidePublishHighHarm, initialState, serialiseState, type Decision, type Reference, type State } from '../domain/index.js';
import { ManualClock, type Clock } from '../clock.js';
import type { Pending } from '../live/write-plans.js';
import { silentLogger, type Logger } from '../log.js';
import { backfillReadModels } from '../live/read-model-backfill.js';
import { foldFacts } from './fold-facts.js';
import type { SimulatorPort } from './port.js';
import { createSimulatorRunner } from './runner.js';
import { SimulationClock } from './simulation-clock.js';

export interface HistoryOptions {
  store: EventStore;
  reference: Reference;
  seed: number;
  /** London days of history, ending with `lastDay`. */
  days: number;
  /** The last London day generated (YYYY-MM-DD), e.g. yesterday: history ends at its midnight. */
  lastDay: string;
  /**
   * Simulated minutes per step. Longer steps are faster; officers' acts are stamped at the end of
   * their step (as the server stamps a command when it arrives), so keep it to minutes.
   */
  stepMinutes?: number;
  /** Facts appended per transaction. */
  appendEvery?: number;
  /** Called after each appended batch, with the London day reached. */
  onProgress?: (progress: { day: string; events: number; seq: number }) => void;
  log?: Logger;
}

export interface HistoryResult {
  from: string;
  to: string;
  events: number;
  firstSeq: number;
  lastSeq: number;
  /** Facts or commands the domain refused (a model bug; the runner logs each). */
  refused: number;
}

/**
 * A year (or any number of days) of simulated history, written straight into the store: the
 * simulator's model, stepped as fast as it goes, its facts and officers' commands decided and
 * applied by the domain as the engine would, appended in large transactions through the store,
 * then a checkpoint, so a server started afterwards does not replay it all, and the reports' read
 * models folded from the log as a first start would. The same seed, days and last day give the same log.
 *
 * The store's log must end before the first day (a new database, or one whose facts are older):
 * history is not written under facts that are already there.
 */
export async function generateHistory(options: HistoryOptions): Promise<HistoryResult> {
  const { store, reference, seed, days, lastDay } = options;
  const firstDay = shiftDay(lastDay, -(days - 1));
  const from = londonMidnight(firstDay);
  const to = londonMidnight(shiftDay(lastDay, 1));
  const state = await stateOfLog(store, reference);
  if (state.lastEventAt !== null && state.lastEventAt > from)
    throw new Error(`The log already holds facts up to ${new Date(state.lastEventAt).toISOString()}: history from ${firstDay} would be written under them. Use a new database.`);
  const clock = new SimulationClock(new ManualClock(from), 1);
  const port = new HistoryPort(state, clock, store, options.appendEvery ?? 20_000, options.onProgress);
  const firstSeq = state.seq + 1;
  if (!state.highHarm) await port.publishHighHarm(from);
  const log = options.log ?? silentLogger;
  const runner = createSimulatorRunner({ port, clock, seed, autoDispatch: true, catchUpStepMs: (options.stepMinutes ?? 5) * 60_000, log });
  // Up to the last millisecond of the last day: a command stamped at the end of a step stays in it.
  await runner.catchUp(from, to - 1);
  await port.flush();
  const final = port.state;
  await store.saveCheckpoint(final.seq, to, JSON.stringify(serialiseState(final)));
  // The reports' read models, folded from the log written (as a first start would).
  await backfillReadModels(store, reference, log);
  return { from: firstDay, to: lastDay, events: final.seq - firstSeq + 1, firstSeq, lastSeq: final.seq, refused: port.refused };
}

/** The state the stored log folds to (no checkpoint needed: the tool runs on a new database). */
async function stateOfLog(store: EventStore, reference: Reference): Promise<State> {
  const state = initialState(reference);
  for (;;) {
    const page = await store.eventsAfter(state.seq, 10_000);
    for (const e of page) {
      applyEvent(state, e);
      state.seq = e.seq;
    }
    if (page.length < 10_000) return state;
  }
}

/**
 * The simulator's door into the log for history: facts and commands decided as the engine would
 * (foldFacts), kept in memory and appended through the store a large batch at a time.
 */
class HistoryPort implements SimulatorPort {
  state: State;
  refused = 0;
  #pending: LoggedEvent[] = [];
  #events = 0;

  constructor(
    state: State,
    private readonly clock: Clock,
    private readonly store: EventStore,
    private readonly appendEvery: number,
    private readonly onProgress: HistoryOptions['onProgress'],
  ) {
    this.state = state;
  }

  async ingest(batch: IngestBatch, actor: string): Promise<Ack<IngestResult>> {
    if (batch.events.length > INGEST_MAX_EVENTS) return { ok: false, error: { code: 'invalid_input', message: 'batch too large' } };
    const pending: Pending[] = [];
    for (const item of batch.events) {
      const parsed = IngestItem.safeParse(item);
      if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: parsed.error.message } };
      const { id, type, at, data } = parsed.data;
      pending.push({ type, data, at: Date.parse(at), actor, source: batch.source, sourceEventId: id } as Pending);
    }
    return this.#take(pending, (seq, applied) => ({ applied, duplicates: 0, lastSeq: seq }));
  }

  async execute(decide: (state: State, now: number) => Decision, actor: string): Promise<Ack<{ seq: number }>> {
    // Commands are stamped at the end of the step, as the server stamps them when they arrive.
    const now = this.clock.now();
    const decision = decide(this.state, now);
    if (!decision.ok) return { ok: false, error: decision.rejection };
    return this.#take(
      decision.events.map((e) => ({ ...e, at: now, actor, source: 'command', sourceEventId: null }) as Pending),
      (seq) => ({ seq }),
    );
  }

  async publishHighHarm(at: number): Promise<void> {
    const decision = decidePublishHighHarm(this.state, readInitialHighHarm(), 'Initial national definition');
    if (!decision.ok) throw new Error(decision.rejection.message);
    await this.#take(
      decision.events.map((e) => ({ ...e, at, actor: 'system', source: 'command', sourceEventId: null }) as Pending),
      (seq) => seq,
    );
  }

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    await this.store.append(batch);
    this.#events += batch.length;
    const last = batch.at(-1)!;
    this.onProgress?.({ day: londonDay(last.at), events: this.#events, seq: last.seq });
  }

  async #take<R>(pending: Pending[], answer: (seq: number, applied: number) => R): Promise<Ack<R>> {
    const folded = foldFacts(this.state, pending, true);
    this.#pending.push(...folded.events);
    if (this.#pending.length >= this.appendEvery) await this.flush();
    if (!folded.ok) {
      this.refused++;
      return { ok: false, error: folded.rejection };
    }
    return { ok: true, data: answer(this.state.seq, folded.events.length) };
  }
}
