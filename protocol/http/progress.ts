import { z } from 'zod';

// The wire for long work with progress; the media type is in constants.ts (the browser needs it).

export const ProgressLine = z
  .object({
    kind: z.literal('progress'),
    /** Units of work done so far (events read, rows written, …). */
    done: z.number().int().nonnegative(),
    /** Units of work in all, when known; `done` never passes it. */
    total: z.number().int().nonnegative().nullable(),
    /** What the units are, for people: "events read". */
    unit: z.string(),
  })
  .describe('How far long work has got; several may come before the answer.');
export type ProgressLine = z.infer<typeof ProgressLine>;

/** The last line: the route's answer, exactly as it would have been sent without progress. */
export const AnswerLine = z
  .object({ kind: z.literal('answer'), answer: z.unknown() })
  .describe("The last line: the route's envelope ({ ok, data } or { ok: false, error }).");
export type AnswerLine = z.infer<typeof AnswerLine>;

export const StreamLine = z.discriminatedUnion('kind', [ProgressLine, AnswerLine]);
export type StreamLine = z.infer<typeof StreamLine>;

/** Reported progress, as a handler gives it. */
export type ReportProgress = (done: number, total: number | null) => void;
