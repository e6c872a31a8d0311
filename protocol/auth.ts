import { z } from 'zod';
import { FreeText, OfficerId } from './ids.js';

import { ROLES, type PrincipalRole, type Role } from './constants.js';

export const Login = z.strictObject({
  username: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
});
export type Login = z.infer<typeof Login>;

export const KioskSignIn = z.strictObject({ token: z.string().min(20).max(200) });

/** GET /api/me, and the answer to a sign-in. */
export interface Me {
  kind: 'user' | 'kiosk';
  name: string;
  role: PrincipalRole;
  /** Regions the principal is limited to; empty means national. */
  regions: string[];
  /** An officer's call sign (the roster's id, e.g. MET-IO-07): whose status and checks they act for. */
  callSign: string | null;
  /** The session ends after this long without use… */
  idleTimeoutMs: number;
  /** …and in any case at this instant. */
  expiresAt: number;
}

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

export interface UserView {
  id: number;
  username: string;
  role: Role;
  regions: string[];
  callSign: string | null;
  disabled: boolean;
  createdAt: number;
}
export interface KioskView {
  id: number;
  name: string;
  regions: string[];
  revoked: boolean;
  createdAt: number;
  /** Its enrolment link works once, until this instant (null: an old link, no longer valid). */
  enrolExpiresAt: number | null;
  /** When a display used the link (null: not yet). */
  enrolledAt: number | null;
}
export interface IngestKeyView {
  id: number;
  source: string;
  region: string | null;
  revoked: boolean;
  createdAt: number;
}
/** A secret (password, kiosk token, ingest key) is shown once, in the answer that made it. */
export interface WithSecret<T> {
  item: T;
  secret: string | null;
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  hash: string;
}
export interface SecurityEntryView {
  id: number;
  at: string;
  kind: string;
  ip: string | null;
  detail: Record<string, unknown>;
}
export interface ChainCheck {
  brokenAt: number | null;
  checked: number;
}
