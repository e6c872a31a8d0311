import type { AssignOfficer, CheckMode, IngestItem } from '../../protocol/index.js';
import type { OfficerAct } from './officer-acts.js';
import type { OutcomeDue } from './outcomes.js';
import type { State } from '../domain/index.js';

/** A status check under way: its start is already a fact; it finishes at `doneAt` if nothing intervenes. */
export interface CheckUnderWay {
  /** null for the CCU, which works remotely and is not one named officer. */
  readonly officerId: string | null;
  readonly mode: CheckMode;
  readonly suiteId: string;
  readonly doneAt: number;
}

/**
 * The little the simulator remembers between steps that the log does not hold. Losing it (a
 * restart) costs little: checks under way are picked up again from each case's `checkStarted`,
 * outcomes due are worked out again from every case held, and every other milestone is read from State and the case's plan.
 */
export interface SimMemory {
  /** Checks under way, by custody reference. */
  readonly checks: ReadonlyMap<string, CheckUnderWay>;
  /** Outcomes the casework feed records in a later window, by time; null: not yet read from State. */
  readonly outcomesDue: readonly OutcomeDue[] | null;
}

export const emptyMemory = (): SimMemory => ({ checks: new Map(), outcomesDue: null });

/** What one step reads: the live state, the memory from the last step and the settings. */
export interface SimWorld {
  readonly seed: number;
  readonly state: State;
  readonly memory: SimMemory;
  /** Whether the sim's duty manager sends ICE officers to long queues. */
  readonly autoDispatch: boolean;
}

/** One thing that happened in a window: a feed's fact, or an officer's command. */
export type SimAction = { fact: IngestItem } | { act: OfficerAct };

/**
 * What happened in a window: facts to ingest and officers' commands, in time order (a command
 * sits between the facts before and after it), then the sim duty manager's moves.
 */
export interface StepResult {
  actions: SimAction[];
  dispatches: AssignOfficer[];
  /** The memory for the next step, as it is if every fact and command is accepted. */
  memory: SimMemory;
  /** Facts the model wanted but the domain would refuse: always a model bug, so reported. */
  refused: string[];
}
