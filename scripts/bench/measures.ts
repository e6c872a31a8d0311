import { client } from './client.js';
import { fanout } from './fanout.js';
import { ingest } from './ingest.js';
import { memory } from './memory.js';
import { positions } from './positions.js';
import type { MeasureResult } from './result.js';
import { resume } from './resume.js';
import { snapshot } from './snapshot.js';

export interface Measure {
  ids: number[];
  name: string;
  run(): Promise<MeasureResult[]>;
}

/** The suite, in order; each measure is one file under scripts/bench/. */
export const MEASURES: Measure[] = [
  { ids: [1, 2], name: 'Fan-out latency and broadcast cost', run: () => fanout() },
  { ids: [3], name: 'Officer positions', run: async () => [await positions()] },
  { ids: [4], name: 'Ingest', run: async () => [await ingest()] },
  { ids: [5], name: 'Snapshot', run: async () => [await snapshot()] },
  { ids: [6], name: 'Client', run: async () => [await client()] },
  { ids: [7], name: 'Memory per idle client', run: async () => [await memory()] },
  { ids: [8], name: 'Resume', run: async () => [await resume()] },
];
