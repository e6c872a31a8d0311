import type { Ack, ProgressLine, StreamLine } from '../../protocol/index.js';

/**
 * Reads an answer sent with progress (protocol/http/progress.ts): each progress line goes to
 * `onProgress`, the answer line is the result. A stream that ends without an answer (the server
 * went away half-way) or holds a line that is not the protocol's is `null`: the caller says so.
 */
export async function readProgressStream<T>(body: ReadableStream<Uint8Array>, onProgress: (line: ProgressLine) => void): Promise<Ack<T> | null> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = buffered.split('\n');
    buffered = done ? '' : lines.pop()!;
    for (const text of lines) {
      if (text.trim() === '') continue;
      const line = parseLine(text);
      if (!line) return null;
      if (line.kind === 'progress') onProgress(line);
      else return line.answer as Ack<T>;
    }
    if (done) return null;
  }
}

/** The line's shape checked by hand: the protocol's zod schemas stay out of the browser's bundle. */
function parseLine(text: string): StreamLine | null {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof line !== 'object' || line === null || !('kind' in line)) return null;
  if (line.kind === 'answer' && 'answer' in line && typeof line.answer === 'object' && line.answer !== null && 'ok' in line.answer) return line as StreamLine;
  if (line.kind !== 'progress' || !('done' in line) || !('total' in line) || !('unit' in line)) return null;
  const { done, total, unit } = line;
  return typeof done === 'number' && (total === null || typeof total === 'number') && typeof unit === 'string' ? { kind: 'progress', done, total, unit } : null;
}
