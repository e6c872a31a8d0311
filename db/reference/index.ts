import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventStore } from '../store.js';
import { HighHarmDefinition } from '../../protocol/index.js';
import type { Reference } from '../../server/domain/index.js';
import { buildRoster } from './roster.js';
import { readSuitesCsv } from './suites-csv.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const SUITES_CSV = join(HERE, 'custody-suites.csv');
export const HIGH_HARM_V1 = join(HERE, 'high-harm-v1.json');

/** The first national High Harm definition, published as version 1 on a new database. */
export function readInitialHighHarm(path = HIGH_HARM_V1): HighHarmDefinition {
  return HighHarmDefinition.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The reference data built from the files shipped with the app. */
export function buildReference(csvPath = SUITES_CSV): { reference: Reference; sources: Map<string, string> } {
  const { suites, sources } = readSuitesCsv(csvPath);
  return { reference: { suites, officers: buildRoster(suites) }, sources };
}

/** Reference data from the database, importing it on first start. */
export async function ensureReference(store: EventStore, csvPath = SUITES_CSV): Promise<Reference> {
  const existing = await store.loadReference();
  if (existing) return existing;
  const { reference, sources } = buildReference(csvPath);
  await store.saveReference(reference, sources);
  return reference;
}
