import type { Ack, IngestBatch, IngestResult } from '../../protocol/index.js';
import type { Decision, State } from '../domain/index.js';

/**
 * What the simulator needs from the server: the live state to read, and the same two doors a
 * real feed and a person use: ingest for facts, and a command decided by the domain (a duty
 * manager's move, an officer's acknowledgement, arrival or check). LiveEngine satisfies it;
 * tests use an in-memory fake.
 */
export interface SimulatorPort {
  readonly state: State;
  ingest(batch: IngestBatch, actor: string): Promise<Ack<IngestResult>>;
  execute(decide: (state: State, now: number) => Decision, actor: string): Promise<Ack<{ seq: number }>>;
}
