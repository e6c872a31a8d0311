import { z } from 'zod';

/** Identifiers on the wire. Tight patterns: an id is never free text. */
export const SuiteId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a suite id is lower-case letters, digits and dashes');
export const OfficerId = z.string().regex(/^[A-Z0-9-]{1,32}$/, 'an officer id is a call sign such as MET-IO-07');
/** Custody reference: the only identifier of a person in custody (never a name). */
export const CustodyRef = z.string().regex(/^[A-Z0-9/-]{4,32}$/, 'a custody reference is 4–32 capitals, digits, / or -');
/** ISO 3166-1 alpha-2 nationality; XX when not known. */
export const Nationality = z.string().regex(/^[A-Z]{2}$/, 'nationality is an ISO 3166 alpha-2 code (XX if unknown)');
export const Latitude = z.number().min(49).max(61);
export const Longitude = z.number().min(-9).max(3);
/** Epoch milliseconds. */
export const Instant = z.number().int().min(0);
/** Free text a person typed: trimmed, bounded, no control characters. */
export const FreeText = (max: number) =>
  z.string().trim().min(1).max(max).regex(/^[^\p{Cc}]*$/u, 'no control characters');

export type SuiteId = z.infer<typeof SuiteId>;
export type OfficerId = z.infer<typeof OfficerId>;
export type CustodyRef = z.infer<typeof CustodyRef>;
