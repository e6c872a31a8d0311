import { z } from 'zod';
import { HighHarmRuleSetView } from '../views.js';

/** Answers only the HTTP API gives; the entities they carry are in views.ts, meeting.ts and auth.ts. */

export const ClientConfig = z
  .strictObject({
    protocolVersion: z.number().int(),
    tileUrl: z.string().nullable().describe('Opt-in tile layer; null means outlines only and no request off the machine.'),
    tileAttribution: z.string().nullable(),
    simulator: z.strictObject({ speed: z.number() }).nullable().describe('Simulated seconds per real second, when the simulator runs.'),
    positionStaleMs: z.number().int().min(0).describe("An officer's position older than this is drawn as stale, with its age (NEXUS_POSITION_STALE_MINUTES)."),
  })
  .describe('What the dashboard needs before it connects.');
export type ClientConfig = z.infer<typeof ClientConfig>;

export const Health = z.strictObject({ seq: z.number().int().min(0).describe('The last sequence number in the log.'), protocolVersion: z.number().int() });
export type Health = z.infer<typeof Health>;

export const HighHarmHistory = z.strictObject({
  current: HighHarmRuleSetView.nullable(),
  history: z.array(HighHarmRuleSetView).describe('Every version, newest first.'),
});
export type HighHarmHistory = z.infer<typeof HighHarmHistory>;

/** An answer that says only "done". */
export const Done = z.strictObject({}).describe('Done; nothing more to say.');
export type Done = z.infer<typeof Done>;
