import type { AssignOfficer, DomainEvent, IngestItem, LoggedEvent } from '../../protocol/index.js';
import { applyEvent, checkFact, fork, type CaseState, type State } from '../domain/index.js';
import { casePlan, type CasePlan, type PlanKey } from './case-plan.js';
import type { Shift } from './demand-model.js';
import { ingestId } from './identifiers.js';
import { actorOf, decideOfficerAct, type OfficerAct } from './officer-acts.js';
import type { Rng } from './random.js';
import { shiftRota } from './shifts.js';
import type { OutcomeDue } from './outcomes.js';
import type { CheckUnderWay, SimAction, SimWorld, StepResult } from './world.js';

/** The facts a feed may send (people's commands, such as assignments and reasons, are not among them). */
export type Fact = Extract<DomainEvent, { type: IngestItem['type'] }>;

interface Happening {
  at: number;
  order: number;
  run: (at: number) => void;
}

/**
 * One step's workspace. Facts and officers' acts are applied to a fork of the state as they
 * happen, with the domain's own decisions, `checkFact` and `applyEvent`, so later happenings in
 * the same window see them and the engine will accept them. Happenings run in time order from a
 * small agenda.
 */
export class StepContext {
  readonly state: State;
  readonly checks: Map<string, CheckUnderWay>;
  readonly actions: SimAction[] = [];
  readonly dispatches: AssignOfficer[] = [];
  readonly refused: string[] = [];
  /** Outcomes due after this window (replaced, never changed in place: the world's memory is shared). */
  outcomesDue: readonly OutcomeDue[] | null;
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
    this.outcomesDue = world.memory.outcomesDue;
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
    this.#apply(at, fact, 'simulator', 'simulator', id);
    this.actions.push({ fact: { id, at: new Date(at).toISOString(), ...fact } as IngestItem });
    return true;
  }

  /**
   * An officer does something on their phone at `at`: decided as the server will decide it (the
   * server stamps it when it receives it, at the end of the window), applied here if accepted.
   */
  act(at: number, act: OfficerAct): boolean {
    const decision = decideOfficerAct(this.state, act);
    const rejection = decision.ok ? decision.events.map((e) => checkFact(this.state, e, at)).find((r) => r !== null) : decision.rejection;
    if (rejection || !decision.ok) {
      this.refused.push(`${act.kind} ${JSON.stringify(act)}: ${rejection?.message ?? 'refused'}`);
      return false;
    }
    for (const event of decision.events) this.#apply(at, event, actorOf(act.officerId), 'command', null);
    this.actions.push({ act });
    return true;
  }

  #apply(at: number, fact: DomainEvent, actor: string, source: string, sourceEventId: string | null): void {
    const logged = { ...fact, at, actor, source, sourceEventId, seq: this.state.seq + 1, recordedAt: at } as LoggedEvent;
    applyEvent(this.state, logged);
    this.state.seq = logged.seq;
  }

  result(): StepResult {
    return { actions: this.actions, dispatches: this.dispatches, memory: { checks: this.checks, outcomesDue: this.outcomesDue }, refused: this.refused };
  }
}
