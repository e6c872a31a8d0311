/** Users, sessions, kiosks, ingest keys and the audit and security logs, behind one interface. */
import type { IngestKeyView, KioskView, Role, SecurityEntryView } from '../protocol/index.js';

export interface UserRecord {
  id: number;
  username: string;
  passwordHash: string;
  role: Role;
  /** Empty: national. */
  regions: string[];
  /** An officer's call sign on the roster (one account per call sign); null for other roles. */
  callSign: string | null;
  disabled: boolean;
  version: number;
  createdAt: number;
}

/** A user as created: no call sign unless it is an officer's. */
export type NewUser = Omit<UserRecord, 'id' | 'version' | 'disabled' | 'callSign'> & { callSign?: string | null };
/** What an admin can change about a user. */
export type UserChange = Partial<Pick<UserRecord, 'role' | 'regions' | 'callSign' | 'disabled' | 'passwordHash'>>;

export interface SessionRecord {
  tokenHash: string;
  userId: number | null;
  kioskId: number | null;
  createdAt: number;
  lastSeenAt: number;
}

/** Records and views of kiosks and keys carry the same fields (no secret hashes leave the store). */
export type KioskRecord = KioskView;

export type IngestKeyRecord = IngestKeyView;

export interface AuditInput {
  at: string; // ISO 8601 UTC
  actor: string;
  role: string;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface AuditEntry extends AuditInput {
  id: number;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

export type SecurityEntry = SecurityEntryView;

/** A session and whoever it belongs to (the user or the wall display; null if since deleted). */
export interface SessionOwner {
  session: SessionRecord;
  user: UserRecord | null;
  kiosk: KioskRecord | null;
}

export interface AuthStore {
  countUsers(): Promise<number>;
  /** Refuses (throws) a username or call sign already taken. */
  createUser(user: NewUser): Promise<UserRecord>;
  findUserByName(username: string): Promise<UserRecord | null>;
  findUser(id: number): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  /** Changes a user and bumps their version, which ends their open sessions' authority. */
  updateUser(id: number, change: UserChange): Promise<UserRecord | null>;
  /** The account linked to an officer's call sign, if any. */
  findUserByCallSign(callSign: string): Promise<UserRecord | null>;

  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  /**
   * Sessions with the user or wall display each belongs to, in one query for any number: how a
   * request is signed in, and how every open socket is checked again every few seconds.
   */
  findSessionOwners(tokenHashes: readonly string[]): Promise<Map<string, SessionOwner>>;
  touchSession(tokenHash: string, at: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(owner: { userId: number } | { kioskId: number }): Promise<void>;

  createKiosk(kiosk: { name: string; regions: string[]; tokenHash: string; createdAt: number; enrolExpiresAt: number }): Promise<KioskRecord>;
  /**
   * Uses a kiosk's enrolment link, once: the kiosk whose unused, unexpired, unrevoked link this is
   * (marked used in the same step, so two displays racing with one link cannot both enrol), or null.
   */
  claimKioskEnrolment(tokenHash: string, now: number): Promise<KioskRecord | null>;
  /** Gives a kiosk a new one-time link (a replaced or re-imaged display), voiding the old one. */
  renewKioskEnrolment(id: number, tokenHash: string, enrolExpiresAt: number): Promise<KioskRecord | null>;
  findKiosk(id: number): Promise<KioskRecord | null>;
  listKiosks(): Promise<KioskRecord[]>;
  revokeKiosk(id: number): Promise<boolean>;

  createIngestKey(key: { source: string; region: string | null; keyHash: string; createdAt: number }): Promise<IngestKeyRecord>;
  findIngestKey(keyHash: string): Promise<IngestKeyRecord | null>;
  listIngestKeys(): Promise<IngestKeyRecord[]>;
  revokeIngestKey(id: number): Promise<boolean>;

  /** Appends to the hash chain in one transaction. */
  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;
  /** Every entry in order, for verifying the chain. */
  allAudit(): Promise<AuditEntry[]>;
  appendSecurity(kind: string, ip: string | null, detail: Record<string, unknown>): Promise<void>;
  listSecurity(limit: number): Promise<SecurityEntry[]>;
}
