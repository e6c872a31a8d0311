import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProgressStream } from '../../client/lib/progress-reader.js';
import { PROGRESS_MEDIA_TYPE, Snapshot, StreamLine, type Ack, type ProgressLine } from '../../protocol/index.js';
import { HOUR } from '../support/reference.js';
import { item, postIngest, startTestServer, type TestServer } from '../support/server.js';

// Long work shows progress (issue 13): GET /api/replay streams how far it has got to a caller
// that asks, and answers as before to one that does not.
let server: TestServer;
const replayUrl = () => `${server.url}/api/replay?at=${server.clock.now()}`;

beforeAll(async () => {
  server = await startTestServer();
  const t = server.clock.now();
  const facts = Array.from({ length: 40 }, (_, i) =>
    item('arrest.booked', { custodyRef: `MP/${String(i).padStart(4, '0')}/26`, suiteId: 'met-brixton', nationality: 'AL', iabsMatch: true, relevantTime: t - HOUR, offenceCategory: 'theft' }, t),
  );
  expect((await postIngest(server.url, { source: 'custody', events: facts })).status).toBe(200);
});
afterAll(() => server.stop());

const lines = (text: string) => text.trim().split('\n').map((line) => StreamLine.parse(JSON.parse(line)));

describe('progress for long work', () => {
  it('streams progress lines up to the whole log, then the same answer a plain request gets', async () => {
    const plain = await fetch(replayUrl(), { headers: { cookie: server.cookies.duty_manager } });
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    const expected = (await plain.json()) as Ack<Snapshot>;
    expect(expected.ok).toBe(true);

    const res = await fetch(replayUrl(), { headers: { cookie: server.cookies.duty_manager, accept: `${PROGRESS_MEDIA_TYPE}, application/json;q=0.9` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(new RegExp(`^${PROGRESS_MEDIA_TYPE}`));
    const stream = lines(await res.text());
    const progress = stream.filter((l): l is ProgressLine => l.kind === 'progress');
    const total = server.app.engine.seq;
    expect(progress[0]).toEqual({ kind: 'progress', done: 0, total, unit: 'events read' });
    expect(progress.at(-1)).toEqual({ kind: 'progress', done: total, total, unit: 'events read' });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(stream.at(-1)).toEqual({ kind: 'answer', answer: expected });
    expect(stream.filter((l) => l.kind === 'answer')).toHaveLength(1);
  });

  it('a refusal before the work begins is the plain refusal, with its status', async () => {
    const accept = { accept: PROGRESS_MEDIA_TYPE };
    const liaison = await fetch(replayUrl(), { headers: { ...accept, cookie: server.cookies.police_liaison } });
    expect(liaison.status).toBe(403);
    expect(await liaison.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const badTime = await fetch(`${server.url}/api/replay?at=soon`, { headers: { ...accept, cookie: server.cookies.duty_manager } });
    expect(badTime.status).toBe(400);
    expect(await badTime.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a caller that goes away half-way harms nothing: the next one is answered', async () => {
    const gone = new AbortController();
    const res = await fetch(replayUrl(), { headers: { cookie: server.cookies.duty_manager, accept: PROGRESS_MEDIA_TYPE }, signal: gone.signal });
    gone.abort();
    await res.body?.cancel().catch(() => undefined);
    const next = await fetch(replayUrl(), { headers: { cookie: server.cookies.duty_manager } });
    expect(((await next.json()) as Ack<Snapshot>).ok).toBe(true);
  });

  it('the dashboard reads lines split anywhere, and calls a stream cut short what it is', async () => {
    const text = [
      JSON.stringify({ kind: 'progress', done: 0, total: 2, unit: 'events read' }),
      JSON.stringify({ kind: 'progress', done: 2, total: 2, unit: 'events read — “done”' }),
      JSON.stringify({ kind: 'answer', answer: { ok: true, data: { seq: 2 } } }),
    ].join('\n');
    const bytes = new TextEncoder().encode(text);
    const inPieces = (upTo: number) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < upTo; i += 7) controller.enqueue(bytes.slice(i, Math.min(i + 7, upTo))); // splits the “ ” too
          controller.close();
        },
      });
    const heard: ProgressLine[] = [];
    expect(await readProgressStream(inPieces(bytes.length), (line) => heard.push(line))).toEqual({ ok: true, data: { seq: 2 } });
    expect(heard.map((l) => [l.done, l.unit])).toEqual([
      [0, 'events read'],
      [2, 'events read — “done”'],
    ]);
    expect(await readProgressStream(inPieces(text.lastIndexOf('\n')), () => undefined)).toBeNull();
  });

  it('the API description offers the progress stream on the routes that have it', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
    expect(Object.keys(doc.paths['/api/replay']!.get!.responses['200']!.content!)).toContain(PROGRESS_MEDIA_TYPE);
    expect(Object.keys(doc.paths['/api/snapshot']!.get!.responses['200']!.content!)).not.toContain(PROGRESS_MEDIA_TYPE);
  });
});
