import { z } from 'zod';
import { IntelFlag, OffenceCategory } from './vocabulary.js';

/**
 * The High Harm definition as data (recommendation 5): one national rule set that regions may
 * add to within limits, never loosen. Versions are published as events, so every case can say
 * which version judged it.
 */
export const RegionalAdditions = z.strictObject({
  offenceCategories: z.array(OffenceCategory).max(20).default([]),
  intelFlags: z.array(IntelFlag).max(10).default([]),
  /** A region may count fewer prior offences as "repeat" than nationally, down to the floor. */
  repeatThreshold: z.number().int().min(1).max(50).nullable().default(null),
});

export const HighHarmDefinition = z.strictObject({
  national: z.strictObject({
    offenceCategories: z.array(OffenceCategory).min(1).max(20),
    intelFlags: z.array(IntelFlag).max(10),
    /** Prior offences at or above this make a case High Harm. */
    repeatThreshold: z.number().int().min(1).max(50),
  }),
  /** The lowest repeat threshold a region may set. */
  regionalRepeatFloor: z.number().int().min(1).max(50),
  regional: z.record(z.string().min(1).max(60), RegionalAdditions).default({}),
});
export type HighHarmDefinition = z.infer<typeof HighHarmDefinition>;
export type RegionalAdditions = z.infer<typeof RegionalAdditions>;

export const HighHarmVerdict = z
  .strictObject({ highHarm: z.boolean(), rule: z.string().nullable(), version: z.number().int() })
  .describe('What decided a case: the version, and the rule that matched (null when none did).');
export type HighHarmVerdict = z.infer<typeof HighHarmVerdict>;
