import { INGEST_MAX_EVENTS, type IngestItem } from '../../protocol/index.js';
import { decideAssign } from '../domain/index.js';
import { messageOf, silentLogger, type Logger } from '../log.js';
import { step } from './model.js';
import { actorOf, decideOfficerAct } from './officer-acts.js';
import type { SimulatorPort } from './port.js';
import { Rng } from './random.js';
import type { SimulationClock } from './simulation-clock.js';
import { emptyMemory, type SimMemory } from './world.js';

export interface SimulatorRunnerOptions {
  port: SimulatorPort;
  clock: SimulationClock;
  seed: number;
  /** Real milliseconds between live steps. */
  tickMs?: number;
  /** Whether the sim's duty manager sends ICE officers to long queues. */
  autoDispatch?: boolean;
  /** Simulated milliseconds per step while catching up (and the longest live step). */
  catchUpStepMs?: number;
  /** Where the model's refusals and failed steps are reported. */
  log?: Logger;
}

export interface SimulatorRunner {
  /** Plays (from, to] as fast as possible, the clock following each step; ends with the clock at `to`. */
  catchUp(from: number, to: number): Promise<void>;
  /** Steps up to the clock's now every tick, from where the last step ended. */
  start(): void;
  /** Stops ticking and waits for a step under way. */
  stop(): Promise<void>;
}

const DISPATCH_ACTOR = 'simulator: ICE dispatch';

/**
 * Drives the model against the server. Its facts go in through `ingest`, the path a real feed
 * uses; its officers' acts and its dispatches are commands, decided by the same domain functions
 * as a person's, in the order they happened. A refusal means a model bug (or a person changed
 * something meanwhile): it is logged and the simulation carries on. The timer never keeps the
 * process alive.
 */
export function createSimulatorRunner(options: SimulatorRunnerOptions): SimulatorRunner {
  const { port, clock, seed } = options;
  const tickMs = options.tickMs ?? 1000;
  const autoDispatch = options.autoDispatch ?? true;
  const stepMs = options.catchUpStepMs ?? 60_000;
  const log = options.log ?? silentLogger;
  let memory: SimMemory = emptyMemory();
  let lastStepTo: number | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let inFlight: Promise<void> | null = null;

  async function runWindow(from: number, to: number): Promise<void> {
    const world = { seed, state: port.state, memory, autoDispatch };
    // One stream per window: what happens in a window depends on the seed and the window, not on history.
    const result = step(world, from, to, Rng.from(seed, 'step', from, to));
    memory = result.memory;
    lastStepTo = to;
    // The facts themselves stay out of the log (they carry nationalities); the seed and window replay them.
    if (result.refused.length > 0) log.warn('simulator.impossible_facts', { count: result.refused.length, seed, from, to });
    let facts: IngestItem[] = [];
    const sendFacts = async () => {
      for (let i = 0; i < facts.length; i += INGEST_MAX_EVENTS) {
        const ack = await port.ingest({ source: 'simulator', events: facts.slice(i, i + INGEST_MAX_EVENTS) }, 'simulator');
        if (!ack.ok) log.warn('simulator.ingest_refused', { code: ack.error.code, message: ack.error.message });
      }
      facts = [];
    };
    for (const action of result.actions) {
      if ('fact' in action) {
        facts.push(action.fact);
        continue;
      }
      await sendFacts();
      const { act } = action;
      const ack = await port.execute((state) => decideOfficerAct(state, act), actorOf(act.officerId));
      // A person (the officer on a real screen, a duty manager) may have acted first: a note, not an error.
      if (!ack.ok) log.warn('simulator.officer_act_refused', { act: act.kind, officerId: act.officerId, code: ack.error.code });
    }
    await sendFacts();
    for (const command of result.dispatches) {
      const ack = await port.execute((state, now) => decideAssign(state, command, now), DISPATCH_ACTOR);
      // A person may have moved the officer since the step looked: worth a note, not an error.
      if (!ack.ok) log.warn('simulator.dispatch_refused', { officerId: command.officerId, suiteId: command.suiteId, code: ack.error.code });
    }
  }

  /** Steps through (from, to]; live stepping (`moveClock` false) ends after the window under way once stopped. */
  async function advance(from: number, to: number, moveClock: boolean): Promise<void> {
    for (let a = from; a < to; ) {
      if (!moveClock && timer === null) return;
      const b = Math.min(to, a + stepMs);
      if (moveClock) clock.jumpTo(b);
      await runWindow(a, b);
      a = b;
    }
  }

  function tick(): void {
    if (inFlight || lastStepTo === null) return;
    const now = clock.now();
    if (now <= lastStepTo) return;
    inFlight = advance(lastStepTo, now, false)
      .catch((error: unknown) => log.error('simulator.step_failed', { message: messageOf(error) }))
      .finally(() => {
        inFlight = null;
      });
  }

  return {
    async catchUp(from, to) {
      await inFlight;
      await advance(from, to, true);
      clock.jumpTo(to);
      lastStepTo = to;
    },
    start() {
      if (timer) return;
      lastStepTo ??= clock.now();
      timer = setInterval(tick, tickMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight;
    },
  };
}
