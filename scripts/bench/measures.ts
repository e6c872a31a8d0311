import { client } from './client.js';
import { derived } from './derived.js';
import { fanoutCluster } from './cluster/fanout-cluster.js';
import { failover } from './cluster/failover.js';
import { ingestCluster } from './cluster/ingest-cluster.js';
import { resumeCluster } from './cluster/resume-cluster.js';
import { fanout } from './fanout.js';
import { history } from './history.js';
import { ingest } from './ingest.js';
import { memory } from './memory.js';
import { positions } from './positions.js';
import type { MeasureResult } from './result.js';
import { resume } from './resume.js';
import { snapshot } from './snapshot.js';

export interface Measure {
  ids: number[];
  /** 'cluster': the measure again on a 2-node PostgreSQL cluster (`--only=1c`), beside the single node's. */
  variant?: 'cluster';
  name: string;
  /** `earlier`: what this run has measured so far (cluster rows show the single node's figures beside theirs). */
  run(earlier: readonly MeasureResult[]): Promise<MeasureResult[]>;
}

/** What `--only` calls a measure: its ids, with a `c` for the cluster variant (`1c`). */
export const keysOf = (m: Pick<Measure, 'ids' | 'variant'>): string[] => m.ids.map((id) => `${id}${m.variant ? 'c' : ''}`);

/**
 * The suite, in order; each measure is one file under scripts/bench/. Each cluster variant runs
 * right after its single-node measure, so the two are measured close together in time.
 */
export const MEASURES: Measure[] = [
  { ids: [1, 2], name: 'Fan-out latency and broadcast cost', run: () => fanout() },
  { ids: [1], variant: 'cluster', name: 'Fan-out latency, 2-node cluster', run: (earlier) => fanoutCluster(earlier) },
  { ids: [3], name: 'Officer positions', run: async () => [await positions()] },
  { ids: [4], name: 'Ingest', run: async () => [await ingest()] },
  { ids: [4], variant: 'cluster', name: 'Ingest, 2-node cluster', run: async (earlier) => [await ingestCluster(earlier)] },
  { ids: [5], name: 'Snapshot', run: async () => [await snapshot()] },
  { ids: [6], name: 'Client', run: async () => [await client()] },
  { ids: [7], name: 'Memory per idle client', run: async () => [await memory()] },
  { ids: [8], name: 'Resume', run: async () => [await resume()] },
  { ids: [8], variant: 'cluster', name: 'Resume, 2-node cluster', run: async (earlier) => [await resumeCluster(earlier)] },
  { ids: [9], name: 'Failover', run: async () => [await failover()] },
  { ids: [10], name: 'Derived view', run: async () => [await derived()] },
  { ids: [11, 12], name: 'A year of history: the yearly pack and the full-year export', run: () => history() },
];
