import type { Ack, AssignOfficer, IngestBatch, IngestResult } from '../../protocol/index.js';
import type { State } from '../domain/index.js';

/**
 * What the simulator needs from the server: the live state to read, and the same two doors a
 * real feed and a duty manager use. LiveEngine satisfies it; tests use an in-memory fake.
 */
export interface SimulatorPort {
  readonly state: State;
  ingest(batch: IngestBatch, actor: string): Promise<Ack<IngestResult>>;
  assign(command: AssignOfficer, actor: string): Promise<Ack<{ seq: number }>>;
}
