import type { AssignOfficer, DomainEvent, IngestItem, LoggedEvent } from '../../protocol/index.js';
import { applyEvent, checkFact, fork, type CaseState, type State } from '../domain/index.js';
import { casePlan, type CasePlan, type PlanKey } from './case-plan.js';
import type { Shift } from './demand-model.js';
import { ingestId } from './identifiers.js';
import type { Rng } from './random.js';
import { shiftRota } from './shifts.js';
import type { CheckUnderWay, SimWorld, StepResult } from './world.js';

/** The facts a feed may send (people's commands, such as assignments and reasons, are not among them). */
export type Fact = Extract<DomainEvent, { type: IngestItem['type'] }>;

interface Happening {
  at: number;
  order: number;
  run: (at: number) => void;
}

/**
 * One step's workspace. Facts are applied to a fork of the state as they are emitted, with the
 * domain's own `checkFact` and `applyEvent`, so later happenings in the same window see them and
 * the engine will accept the batch. Happenings run in time order from a small agenda.
 */
export class StepContext {
  readonly state: State;
  readonly checks: Map<string, CheckUnderWay>;
  readonly facts: IngestItem[] = [];
  readonly commands: AssignOfficer[] = [];
  readonly refused: string[] = [];
  readonly #agenda: Happening[] = [];
  readonly #ids = new Set<string>();
  #order = 0;
  #rota: Map<string, Shift> | null = null;

  constructor(
    readonly world: SimWorld,
    readonly from: number,
    readonly to: number,
    readonly rng: Rng,
  ) {
    this.state = fork(world.state);
    this.checks = new Map(world.memory.checks);
  }

  get seed(): number {
    return this.world.seed;
  }

  /** A case still in custody (in this step's working state), or undefined once released. */
  inCustody(custodyRef: string): CaseState | undefined {
    return this.state.cases.get(custodyRef);
  }

  /** How a case will go: a pure function of seed, reference, time and force. */
  plan(kase: PlanKey): Readonly<CasePlan> {
    return casePlan(this.seed, kase);
  }

  /** Each officer's shift, worked out once per step from the officers in state. */
  get rota(): Map<string, Shift> {
    this.#rota ??= shiftRota(this.state.officers.values());
    return this.#rota;
  }

  /**
   * Runs `run` at `at` within this window, passing the time it runs at. Something already overdue
   * (missed while the server was down) happens at the start of the window; something after the
   * window is left for a later step.
   */
  schedule(at: number, run: (at: number) => void): void {
    if (at > this.to) return;
    const item = { at: Math.max(at, this.from + 1), order: this.#order++, run };
    let i = this.#agenda.length;
    while (i > 0 && this.#agenda[i - 1]!.at > item.at) i--;
    this.#agenda.splice(i, 0, item);
  }

  /** Runs the agenda in time order; happenings may schedule more. */
  runAgenda(): void {
    for (let next = this.#agenda.shift(); next; next = this.#agenda.shift()) next.run(next.at);
  }

  /** Emits a fact at `at` if the domain accepts it, applying it to the working state. */
  emit(at: number, fact: Fact): boolean {
    const rejection =
      at <= this.from || at > this.to || !Number.isInteger(at)
        ? { message: `time ${at} is outside the window (${this.from}, ${this.to}]` }
        : checkFact(this.state, fact, at);
    if (rejection) {
      this.refused.push(`${fact.type} ${JSON.stringify(fact.data)}: ${rejection.message}`);
      return false;
    }
    const base = ingestId(this.seed, at, fact.type, fact.data);
    let id = base;
    for (let n = 2; this.#ids.has(id); n++) id = `${base}-${n}`;
    this.#ids.add(id);
    const logged: LoggedEvent = {
      ...fact,
      at,
      actor: 'simulator',
      source: 'simulator',
      sourceEventId: id,
      seq: this.state.seq + 1,
      recordedAt: at,
    };
    applyEvent(this.state, logged);
    this.state.seq = logged.seq;
    this.facts.push({ id, at: new Date(at).toISOString(), ...fact });
    return true;
  }

  result(): StepResult {
    return { facts: this.facts, commands: this.commands, memory: { checks: this.checks }, refused: this.refused };
  }
}
