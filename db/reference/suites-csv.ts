import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { SuiteRef } from '../../server/domain/index.js';

/** One row of custody-suites.csv (shared/data), as published with its source column. */
const Row = z.object({
  force: z.string().min(1),
  suite_name: z.string().min(1),
  lat: z.coerce.number().min(49).max(61),
  lng: z.coerce.number().min(-9).max(3),
  cells_if_known: z.string(),
  source: z.string(),
});

export interface ImportedSuites {
  suites: SuiteRef[];
  /** Where each row came from (the CSV's source column), kept beside the suite. */
  sources: Map<string, string>;
}

/**
 * Reads the custody suite reference file. Names carry notes in brackets ("Bloxwich (contingency
 * suite, 2017)"); the note is kept apart, and a suite marked historic and likely closed starts closed.
 */
export function readSuitesCsv(path: string): ImportedSuites {
  const rows = z.array(Row).parse(parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }));
  const suites: SuiteRef[] = [];
  const sources = new Map<string, string>();
  for (const row of rows) {
    const { name, note } = splitName(row.suite_name);
    const id = uniqueId(slug(`${regionCode(row.force)}-${name}`), sources);
    suites.push({
      id,
      region: row.force,
      name,
      note,
      lat: row.lat,
      lng: row.lng,
      cells: parseCells(row.cells_if_known),
      openAtStart: !/likely closed/i.test(note ?? ''),
    });
    sources.set(id, row.source);
  }
  return { suites, sources };
}

/** Short force codes, used in suite ids and officers' call signs. */
const REGION_CODES: Record<string, string> = {
  'Metropolitan Police': 'MET',
  'West Midlands Police': 'WMP',
  'Greater Manchester Police': 'GMP',
  'West Yorkshire Police': 'WYP',
  'Merseyside Police': 'MERP',
  'Kent Police': 'KENT',
  'Police Scotland': 'PSOS',
  'South Wales Police': 'SWP',
  'Gwent Police': 'GWP',
  'Cheshire Constabulary': 'CHES',
  'Cleveland Police': 'CLEV',
};

export function regionCode(region: string): string {
  return REGION_CODES[region] ?? region.replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase();
}

function splitName(raw: string): { name: string; note: string | null } {
  const open = raw.indexOf(' (');
  if (open < 0 || !raw.endsWith(')')) return { name: raw, note: null };
  return { name: raw.slice(0, open), note: raw.slice(open + 2, -1) };
}

/** "15 (2014); 16 (newspaper)" → 15; "" → null. */
function parseCells(raw: string): number | null {
  const match = /^\d+/.exec(raw.trim());
  return match ? Number(match[0]) : null;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function uniqueId(base: string, taken: ReadonlyMap<string, string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
