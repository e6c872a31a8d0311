import { z } from 'zod';
import { FreeText, OfficerId } from './ids.js';

import { ROLES } from './constants.js';

export const Login = z.strictObject({
  username: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
});
export type Login = z.infer<typeof Login>;

export const KioskSignIn = z.strictObject({ token: z.string().min(20).max(200) });

const PrincipalRoleName = z.enum([...ROLES, 'wall']);

export const Me = z
  .strictObject({
    kind: z.enum(['user', 'kiosk']),
    name: z.string(),
    role: PrincipalRoleName,
    regions: z.array(z.string()).describe('Regions the principal is limited to; empty means national.'),
    callSign: z.string().nullable().describe("An officer's call sign (the roster's id, e.g. MET-IO-07): whose status and checks they act for."),
    idleTimeoutMs: z.number().describe('The session ends after this long without use…'),
    expiresAt: z.number().describe('…and in any case at this instant.'),
  })
  .describe('Who is signed in: the answer to GET /api/me and to a sign-in.');
export type Me = z.infer<typeof Me>;

/**
 * GET /api/me: who this browser's session belongs to, or null when it has none (never signed in,
 * signed out, expired). Public, so the sign-in page's first question is answered, not refused.
 */
export const MeAnswer = Me.nullable();
export type MeAnswer = z.infer<typeof MeAnswer>;

const Region = z.string().trim().min(1).max(60);
const Username = z.string().trim().regex(/^[a-z0-9._-]{3,40}$/, 'a username is 3–40 lower-case letters, digits, dots, dashes or underscores');
const Password = z.string().min(12, 'a password has at least 12 characters').max(200);

export const CreateUser = z.strictObject({
  username: Username,
  /** Omitted: the server generates one and shows it once. */
  password: Password.optional(),
  role: z.enum(ROLES),
  regions: z.array(Region).max(20).default([]),
  /** National scope must be asked for: an empty `regions` alone is refused where a role has regions. */
  national: z.boolean().default(false),
  /** An officer's call sign on the roster, in their region: required for officers, refused for anyone else. */
  callSign: OfficerId.nullable().default(null),
});
export type CreateUser = z.input<typeof CreateUser>;

export const UpdateUser = z.strictObject({
  role: z.enum(ROLES).optional(),
  regions: z.array(Region).max(20).optional(),
  national: z.boolean().optional(),
  disabled: z.boolean().optional(),
  /** Links (or, with null, unlinks) an officer account's call sign; the link is audited. */
  callSign: OfficerId.nullable().optional(),
  /** true: the server sets a new generated password and shows it once. */
  resetPassword: z.literal(true).optional(),
});
export type UpdateUser = z.input<typeof UpdateUser>;

export const CreateKiosk = z.strictObject({ name: FreeText(60), regions: z.array(Region).max(20).default([]), national: z.boolean().default(false) });
export type CreateKiosk = z.input<typeof CreateKiosk>;

export const CreateIngestKey = z.strictObject({
  source: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a source is lower-case letters, digits and dashes'),
  /** The one region the key may write to, or null for a national feed: said explicitly, never by omission. */
  region: Region.nullable(),
});
export type CreateIngestKey = z.input<typeof CreateIngestKey>;

export const UserView = z.strictObject({
  id: z.number().int(),
  username: z.string(),
  role: z.enum(ROLES),
  regions: z.array(z.string()),
  callSign: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.number(),
});
export type UserView = z.infer<typeof UserView>;

export const KioskView = z
  .strictObject({
    id: z.number().int(),
    name: z.string(),
    regions: z.array(z.string()),
    revoked: z.boolean(),
    createdAt: z.number(),
    enrolExpiresAt: z.number().nullable().describe('Its enrolment link works once, until this instant (null: an old link, no longer valid).'),
    enrolledAt: z.number().nullable().describe('When a display used the link (null: not yet).'),
  })
  .describe('A wall display.');
export type KioskView = z.infer<typeof KioskView>;

export const IngestKeyView = z
  .strictObject({ id: z.number().int(), source: z.string(), region: z.string().nullable(), revoked: z.boolean(), createdAt: z.number() })
  .describe("A feed's key, without the key itself (only its hash is kept).");
export type IngestKeyView = z.infer<typeof IngestKeyView>;

/** A secret (password, kiosk token, ingest key) is shown once, in the answer that made it. */
export interface WithSecret<T> {
  item: T;
  secret: string | null;
}
export const withSecret = <T extends z.ZodType>(item: T) =>
  z
    .strictObject({ item, secret: z.string().nullable().describe('Shown this once; null when nothing secret was made.') })
    .describe('A secret (password, kiosk token, ingest key) is shown once, in the answer that made it.');

const Detail = z.record(z.string(), z.unknown());

export const AuditEntryView = z
  .strictObject({
    id: z.number().int(),
    at: z.string().describe('ISO 8601, UTC.'),
    actor: z.string(),
    role: z.string(),
    action: z.string(),
    subject: z.string().nullable(),
    detail: Detail,
    ip: z.string().nullable(),
    hash: z.string(),
  })
  .describe('One entry of the audit trail (s.62: who consulted or changed what, when, from where).');
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const SecurityEntryView = z
  .strictObject({ id: z.number().int(), at: z.string(), kind: z.string(), ip: z.string().nullable(), detail: Detail })
  .describe('One entry of the security log: failed sign-ins, denials, rate limits, malformed input.');
export type SecurityEntryView = z.infer<typeof SecurityEntryView>;

export const ChainCheck = z
  .strictObject({ brokenAt: z.number().int().nullable().describe('The first entry whose hash does not follow; null when whole.'), checked: z.number().int() })
  .describe("The audit chain's verification.");
export type ChainCheck = z.infer<typeof ChainCheck>;
