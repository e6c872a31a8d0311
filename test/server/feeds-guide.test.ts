import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '../../protocol/index.js';
import type { OpenApiDocument } from '../../protocol/http/openapi.js';
import { ManualClock } from '../../server/clock.js';
import { hashPassword } from '../../server/security/secrets.js';
import { startTestServer, type TestServer } from '../support/server.js';

const GUIDE = join(import.meta.dirname, '..', '..', 'docs', 'feeds.md');
const run = promisify(execFile);

/** The placeholders the guide tells readers to replace, and nothing else is replaced. */
const PLACEHOLDER = { url: 'http://localhost:3000', adminPassword: 'your-admin-password', key: 'paste-the-secret-here' };
const ADMIN_PASSWORD = 'a long admin passphrase for the guide';

interface Block {
  info: string[];
  text: string;
}

/** The guide's fenced blocks, in order, with their info strings split into words. */
function blocksOf(markdown: string): Block[] {
  return [...markdown.matchAll(/^```([^\n`]*)\n([\s\S]*?)^```$/gm)].map((m) => ({ info: m[1]!.trim().split(/\s+/), text: m[2]! }));
}

/** A documented answer against what the command printed: JSON (if any) then the `HTTP nnn` line. */
function expectSameAnswer(printed: string, documented: string): void {
  const split = (text: string) => {
    const lines = text.trim().split('\n');
    return { json: lines.slice(0, -1).join('\n').trim(), status: lines.at(-1)!.trim() };
  };
  const [got, want] = [split(printed), split(documented)];
  expect(got.status, printed).toBe(want.status);
  if (!want.json) return expect(got.json).toBe('');
  const actual = JSON.parse(got.json) as { ok: boolean; data?: Record<string, unknown> };
  const expected = JSON.parse(want.json) as typeof actual;
  // The log's sequence number depends on the server the reader runs it against.
  if (expected.data && 'lastSeq' in expected.data) expected.data.lastSeq = actual.data?.lastSeq;
  expect(actual, printed).toEqual(expected);
}

/** A JSON value's fields and their types, without the values: what an example whose values vary must keep. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return value === null ? 'null' : typeof value;
}

let server: TestServer;
let work: string;

beforeAll(async () => {
  // The guide's facts happened on the afternoon of 24 November 2026; the server's clock is an hour after.
  server = await startTestServer({ clock: new ManualClock(Date.parse('2026-11-24T15:00:00Z')) });
  await server.app.auth.createUser({ username: 'admin', passwordHash: await hashPassword(ADMIN_PASSWORD), role: 'admin', regions: [], createdAt: Date.now() });
  work = mkdtempSync(join(tmpdir(), 'nexus-feeds-guide-'));
});
afterAll(() => server.stop());

describe('docs/feeds.md, run as written', () => {
  it('gets a key, sends a batch, retries it, and meets each refusal it shows', async () => {
    const blocks = blocksOf(readFileSync(GUIDE, 'utf8'));
    const exports: string[] = [];
    let printed: string | null = null;
    let answers = 0;
    for (const { info, text } of blocks) {
      const file = info.find((word) => word.startsWith('file='))?.slice('file='.length);
      if (file) writeFileSync(join(work, file), text.replaceAll(PLACEHOLDER.adminPassword, ADMIN_PASSWORD));
      else if (info[0] === 'sh' && /^(export \w+=\S+\n)+$/.test(text)) {
        // The reader's settings: where the server is, and the key the previous command printed.
        const secret = printed?.includes('"secret"') ? (JSON.parse(printed) as { data: { secret: string } }).data.secret : PLACEHOLDER.key;
        exports.push(text.replaceAll(PLACEHOLDER.url, server.url).replaceAll(PLACEHOLDER.key, secret));
      } else if (info[0] === 'sh') {
        printed = (await run('sh', ['-c', [...exports, text].join('\n')], { cwd: work })).stdout;
      } else if (info.includes('shape')) {
        expect(shapeOf(JSON.parse(printed ?? 'null')), printed ?? '').toEqual(shapeOf(JSON.parse(text)));
        answers++;
      } else if (info.includes('answer')) {
        expect(printed, `an answer block with no command before it:\n${text}`).not.toBeNull();
        expectSameAnswer(printed!, text);
        printed = null;
        answers++;
      }
    }
    expect(answers).toBe(9);
    // The batch really is in the log, once, as the guide said.
    const timeline = await fetch(`${server.url}/api/cases/${encodeURIComponent('01MP/4242/26')}/timeline`, { headers: { cookie: server.cookies.duty_manager } });
    const body = (await timeline.json()) as { ok: true; data: { type: string; source: string }[] };
    expect(body.data.map((e) => `${e.source} ${e.type}`)).toEqual(['custody-met arrest.booked', 'custody-met case.referred']);
  });

  it('lists exactly the refusals POST /api/ingest can give, each with its status', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
    const described = Object.values(doc.paths['/api/ingest']!.post!.responses).flatMap((r) => r['x-error-codes'] ?? []);
    const table = [...readFileSync(GUIDE, 'utf8').matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => ({ code: m[1] as ErrorCode, status: Number(m[2]) }));
    expect(table.map((r) => r.code).sort()).toEqual([...described].sort());
    for (const { code, status } of table) expect(status, code).toBe(ERROR_STATUS[code]);
  });
});
