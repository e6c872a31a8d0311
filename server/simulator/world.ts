import type { AssignOfficer, CheckMode, IngestItem } from '../../protocol/index.js';
import type { State } from '../domain/index.js';

/** A status check someone has started; only its completion becomes a fact. */
export interface CheckUnderWay {
  /** null for the CCU, which works remotely and is not one named officer. */
  readonly officerId: string | null;
  readonly mode: CheckMode;
  readonly suiteId: string;
  readonly doneAt: number;
}

/**
 * The little the simulator remembers between steps that the log does not hold. Losing it (a
 * restart) only means checks under way start again: every case and officer is read from State.
 */
export interface SimMemory {
  /** Checks under way, by custody reference. */
  readonly checks: ReadonlyMap<string, CheckUnderWay>;
  /** Officers acting on a check's result (serving papers, interviewing) until then, by call sign. */
  readonly followUps: ReadonlyMap<string, number>;
}

export const emptyMemory = (): SimMemory => ({ checks: new Map(), followUps: new Map() });

/** What one step reads: the live state, the memory from the last step and the settings. */
export interface SimWorld {
  readonly seed: number;
  readonly state: State;
  readonly memory: SimMemory;
  /** Whether the sim's duty manager sends ICE officers to long queues. */
  readonly autoDispatch: boolean;
}

/** What happened in a window: facts to ingest (in time order), commands to send after them. */
export interface StepResult {
  facts: IngestItem[];
  commands: AssignOfficer[];
  /** The memory for the next step, as it is if every fact and command is accepted. */
  memory: SimMemory;
  /** Facts the model wanted but the domain would refuse: always a model bug, so reported. */
  refused: string[];
}
