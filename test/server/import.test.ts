import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../server/import/history-import.js';
import { migratePostgres } from '../../db/pg-migrate.js';
import { PgStore } from '../../db/pg-store.js';
import { SqliteStore } from '../../db/sqlite-store.js';
import type { EventStore } from '../../db/store.js';
import { silentLogger } from '../../server/log.js';
import { createTestDatabase } from '../support/pg.js';

const DAY = 86_400_000;
// One instant for the whole file: line 3 must repeat line 1 to the millisecond to be a duplicate.
const NOW = Date.now();
const at = (daysAgo: number, minutes = 0) => new Date(NOW - daysAgo * DAY + minutes * 60_000).toISOString();
const booking = (id: string, ref: string, suiteId: string, nationality = 'RO') =>
  JSON.stringify({
    id,
    type: 'arrest.booked',
    at: at(40),
    data: { custodyRef: ref, suiteId, nationality, iabsMatch: true, relevantTime: Date.parse(at(40)) - 600_000, offenceCategory: 'theft' },
  });
const fact = (id: string, type: string, minutes: number, data: object, daysAgo = 40) => JSON.stringify({ id, type, at: at(daysAgo, minutes), data });

/** Good lines, a repeated line, and lines each refused for its own reason (line numbers in comments). */
const FILE = [
  booking('h-1', '01MP/0001/26', 'met-brixton'), // 1
  fact('h-2', 'case.referred', 5, { custodyRef: '01MP/0001/26' }), // 2
  booking('h-1', '01MP/0001/26', 'met-brixton'), // 3: the same fact again: a duplicate, not an error
  '{ "id": "h-4", "type": ', // 4: not JSON
  '', // 5: blank, skipped
  fact('h-6', 'arrest.booked', 0, { custodyRef: '01MP/0006/26', suiteId: 'met-brixton', iabsMatch: true, relevantTime: 1, offenceCategory: 'theft' }), // 6: no nationality
  fact('h-7', 'case.referred', 10, { custodyRef: '01MP/9999/26' }), // 7: unknown case
  booking('h-1', '01MP/0001/26', 'met-brixton', 'BG'), // 8: the same id, another fact
  booking('h-9', '20WM/0009/26', 'wmp-perry-barr'), // 9: outside the region imported
  fact('h-10', 'check.completed', 30, { custodyRef: '01MP/0001/26', officerId: null, mode: 'remote', outcome: 'immigration_offender' }), // 10
  fact('h-11', 'detainee.released', 120, { custodyRef: '01MP/0001/26', disposal: 'bailed' }), // 11
  fact('h-12', 'outcome.recorded', 0, { custodyRef: '01MP/0001/26', outcome: 'removed_or_deported' }, 10), // 12: weeks after release
].join('\n');

async function runImport(env: Record<string, string>, file: string): Promise<{ code: number; summary: ImportSummary; stderr: string }> {
  const args = ['scripts/import-history.ts', file, '--source', 'custody-met', '--region', 'Metropolitan Police', '--batch', '4'];
  const ran = await promisify(execFile)('node_modules/.bin/tsx', args, { env: { ...process.env, NEXUS_SIMULATOR: 'off', ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  return { code: ran.code, summary: JSON.parse(ran.stdout) as ImportSummary, stderr: ran.stderr };
}

function importContract(name: string, setUp: () => Promise<{ env: Record<string, string>; open: () => EventStore; done?: () => Promise<void> }>) {
  describe(`npm run import on ${name}`, () => {
    let env: Record<string, string>;
    let open: () => EventStore;
    let done: (() => Promise<void>) | undefined;
    const file = join(mkdtempSync(join(tmpdir(), 'nexus-import-')), 'history.jsonl');
    beforeAll(async () => {
      ({ env, open, done } = await setUp());
      writeFileSync(file, FILE);
    });
    afterAll(() => done?.());

    it('imports the good lines, counts the repeated one as already there, and refuses each bad line by number and code', async () => {
      const { code, summary, stderr } = await runImport(env, file);
      expect(code).toBe(1);
      expect({ lines: summary.lines, applied: summary.applied, duplicates: summary.duplicates, refused: summary.refused }).toEqual({
        lines: 11,
        applied: 5,
        duplicates: 1,
        refused: 5,
      });
      expect(summary.refusals.map((r) => [r.line, r.code])).toEqual([
        [4, 'invalid_input'],
        [6, 'invalid_input'],
        [7, 'unknown_case'],
        [8, 'duplicate_id'],
        [9, 'forbidden'],
      ]);
      expect(summary.refusals[1]!.message).toMatch(/nationality/);
      expect(summary.refusedByCode).toEqual({ invalid_input: 2, unknown_case: 1, duplicate_id: 1, forbidden: 1 });
      expect(stderr).toMatch(/100%: 11 lines, 5 applied, 1 already there, 5 refused/);
      expect(stderr).toMatch(/line 7: unknown_case/);
    });

    it('imports nothing twice when run again', async () => {
      const { summary } = await runImport(env, file);
      expect([summary.applied, summary.duplicates, summary.refused]).toEqual([0, 6, 5]);
      const store = open();
      const timeline = await store.eventsForCase('01MP/0001/26');
      await store.close();
      expect(timeline.map((e) => e.type)).toEqual(['arrest.booked', 'case.referred', 'check.completed', 'detainee.released', 'outcome.recorded']);
      expect(timeline.every((e) => e.source === 'custody-met' && e.actor === 'import:custody-met')).toBe(true);
    });
  });
}

importContract('SQLite', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'nexus-')), 'nexus.db');
  return { env: { NEXUS_DB_PATH: path }, open: () => new SqliteStore({ path }) };
});

importContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  await migratePostgres(db.url, silentLogger);
  return { env: { NEXUS_DATABASE_URL: db.url }, open: () => new PgStore({ url: db.url, log: silentLogger }), done: () => db.drop() };
});
