import type { Request, Response } from 'express';
import { PROGRESS_MEDIA_TYPE, type Ack, type ReportProgress, type StreamLine } from '../../protocol/index.js';

/** At most this often a progress line: enough for a bar that moves, not a line per page read. */
const PROGRESS_EVERY_MS = 250;

/**
 * The answer of a route with `progress`, for a caller that asked for it: the status line and
 * headers go at once (200: the outcome is in the answer line), then a progress line now and then,
 * then the envelope. Without the Accept header this is not used and the route answers as usual.
 * While one is open, every answer to the request goes through it (send.ts), refusals and errors too.
 */
export class ProgressStream {
  readonly #res: Response;
  readonly #unit: string;
  #lastAt = 0;
  #last: { done: number; total: number | null } | null = null;

  static wanted(req: Request): boolean {
    return (req.get('accept') ?? '').split(',').some((part) => part.split(';')[0]!.trim() === PROGRESS_MEDIA_TYPE);
  }

  constructor(res: Response, unit: string) {
    this.#res = res;
    this.#unit = unit;
    // No proxy buffering: a bar that arrives all at once at the end is no bar.
    res.status(200).type(PROGRESS_MEDIA_TYPE).setHeader('X-Accel-Buffering', 'no');
    res.setHeader('Cache-Control', 'no-store');
    res.flushHeaders();
  }

  /** Reports progress; lines closer together than PROGRESS_EVERY_MS are dropped, except the first and a finished one. */
  readonly report: ReportProgress = (done, total) => {
    const now = Date.now();
    const finished = total !== null && done >= total;
    if (this.#last && !finished && now - this.#lastAt < PROGRESS_EVERY_MS) return;
    if (this.#last && this.#last.done === done && this.#last.total === total) return;
    this.#lastAt = now;
    this.#last = { done, total };
    this.#write({ kind: 'progress', done: total === null ? done : Math.min(done, total), total, unit: this.#unit });
  };

  /** The last line; a refusal keeps its code (the status is already 200), noted for the request log. */
  end(answer: Ack<unknown>): void {
    if (!answer.ok) this.#res.locals.refusal = answer.error.code;
    this.#write({ kind: 'answer', answer });
    this.#res.end();
  }

  #write(line: StreamLine): void {
    if (!this.#res.writableEnded && !this.#res.destroyed) this.#res.write(`${JSON.stringify(line)}\n`);
  }
}
