import { bigint, boolean, customType, doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The PostgreSQL schema: db/schema.ts column for column, with the same TypeScript names and types,
 * so a row read from one database can be written to the other (scripts/copy-sqlite-to-pg.ts).
 * Times and sequence numbers are bigint read as numbers (milliseconds since 1970 pass 2^31).
 * JSON stays text: a fact's data must come back byte for byte as it was stored, because a retried
 * feed batch is recognised by comparing it (jsonb would reorder keys).
 */

/** bytea read and written as a Buffer (drizzle-orm 0.45 has no bytea column of its own). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** A bigint that TypeScript sees as a number, as SQLite's integer is. */
const bigNumber = (name: string) => bigint(name, { mode: 'number' });

/** The event log: the source of truth. `seq` is global and gap-free; `data` is the event's JSON. */
export const events = pgTable(
  'events',
  {
    seq: bigNumber('seq').primaryKey(),
    type: text('type').notNull(),
    at: bigNumber('at').notNull(),
    recordedAt: bigNumber('recorded_at').notNull(),
    actor: text('actor').notNull(),
    source: text('source').notNull(),
    sourceEventId: text('source_event_id'),
    custodyRef: text('custody_ref'),
    data: text('data').notNull(),
    /** The shape `data` was written in (db/event-upgrades.ts): older shapes are upgraded when read. */
    format: integer('format').notNull().default(1),
  },
  (t) => [
    uniqueIndex('events_source_event').on(t.source, t.sourceEventId),
    index('events_type_at').on(t.type, t.at),
    index('events_custody_ref').on(t.custodyRef),
  ],
);

/** The reports' read model (db/schema.ts `case_states`, column for column). */
export const caseStates = pgTable(
  'case_states',
  {
    custodyRef: text('custody_ref').primaryKey(),
    arrivalSuiteId: text('arrival_suite_id').notNull(),
    suiteId: text('suite_id').notNull(),
    region: text('region').notNull(),
    nationality: text('nationality').notNull(),
    relevantTime: bigNumber('relevant_time').notNull(),
    arrivalDay: text('arrival_day').notNull(),
    arrivalHourOfWeek: integer('arrival_hour_of_week').notNull(),
    highHarm: boolean('high_harm').notNull(),
    checkAt: bigNumber('check_at'),
    checkMode: text('check_mode'),
    checkOutcome: text('check_outcome'),
    minutesToCheck: integer('minutes_to_check'),
    releasedAt: bigNumber('released_at'),
    releaseDay: text('release_day'),
    disposal: text('disposal'),
    nonAttendanceReason: text('non_attendance_reason'),
    decision: text('decision'),
    decisionAt: bigNumber('decision_at'),
    decisionDay: text('decision_day'),
    decisionOfficerId: text('decision_officer_id'),
    etdRequired: boolean('etd_required').notNull(),
    etdApplied: boolean('etd_applied').notNull(),
    outcome: text('outcome'),
    outcomeAt: bigNumber('outcome_at'),
    outcomeDay: text('outcome_day'),
    /** Each outcome's London day (several per case): the reports count each on its own day. */
    papersServedDay: text('papers_served_day'),
    detainedDay: text('detained_day'),
    removedDay: text('removed_day'),
    noFurtherActionDay: text('no_further_action_day'),
    caseJson: text('case_json').notNull(),
    asOfSeq: bigNumber('as_of_seq').notNull(),
  },
  (t) => [
    // Each report query is answered from one of these alone (covering), never from the wide rows.
    index('case_states_arrival').on(t.arrivalDay, t.arrivalSuiteId, t.minutesToCheck),
    index('case_states_high_harm').on(t.arrivalDay, t.highHarm, t.suiteId, t.region),
    index('case_states_release').on(t.releaseDay, t.nonAttendanceReason, t.suiteId, t.region),
    index('case_states_decision').on(t.decisionDay, t.etdRequired, t.suiteId, t.region, t.decisionOfficerId, t.etdApplied),
    index('case_states_outcome').on(t.outcomeDay, t.outcome, t.suiteId, t.region),
    index('case_states_relevant_time').on(t.relevantTime, t.custodyRef),
  ],
);

/** How far into the log the read models are written (one row, name 'case_states'). */
export const readModelPositions = pgTable('read_model_positions', {
  name: text('name').primaryKey(),
  seq: bigNumber('seq').notNull(),
});

/** Reference data: custody suites (imported from custody-suites.csv on first start). */
export const suites = pgTable('suites', {
  id: text('id').primaryKey(),
  region: text('region').notNull(),
  name: text('name').notNull(),
  note: text('note'),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  cells: integer('cells'),
  openAtStart: boolean('open_at_start').notNull(),
  source: text('source').notNull(),
});

/** Reference data: the officer roster, by call sign. */
export const officers = pgTable('officers', {
  id: text('id').primaryKey(),
  role: text('role', { enum: ['embedded_io', 'ice_officer'] }).notNull(),
  region: text('region').notNull(),
  homeSuiteId: text('home_suite_id').references(() => suites.id),
  baseLat: doublePrecision('base_lat').notNull(),
  baseLng: doublePrecision('base_lng').notNull(),
});

/** The latest checkpoint of the live state, gzipped JSON: a cache, deletable. */
export const checkpoints = pgTable('checkpoints', {
  seq: bigNumber('seq').primaryKey(),
  createdAt: bigNumber('created_at').notNull(),
  state: bytea('state').notNull(),
});

/** People who sign in. */
export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  username: text('username').notNull().unique(),
  /** scrypt$N$r$p$salt$hash: never a plain or fast hash. */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison'] }).notNull(),
  /** JSON array of region names the role is limited to; empty means national. */
  regions: text('regions').notNull().default('[]'),
  /** An officer's call sign on the roster: one account per call sign, none for other roles. */
  callSign: text('call_sign').unique(),
  disabled: boolean('disabled').notNull().default(false),
  /** Bumped on every change of role, regions or status, so open sessions can be cut. */
  version: integer('version').notNull().default(1),
  createdAt: bigNumber('created_at').notNull(),
});

/** Signed-in sessions, by the SHA-256 of their token. */
export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').references(() => users.id),
  kioskId: integer('kiosk_id').references(() => kiosks.id),
  createdAt: bigNumber('created_at').notNull(),
  lastSeenAt: bigNumber('last_seen_at').notNull(),
});

/** Wall displays, enrolled by an admin with a one-time link that expires (db/schema.ts says more). */
export const kiosks = pgTable('kiosks', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  regions: text('regions').notNull().default('[]'),
  revoked: boolean('revoked').notNull().default(false),
  createdAt: bigNumber('created_at').notNull(),
  enrolExpiresAt: bigNumber('enrol_expires_at'),
  enrolledAt: bigNumber('enrolled_at'),
});

/** Per-source keys for POST /api/ingest, scoped to a source and optionally a region. */
export const ingestKeys = pgTable('ingest_keys', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  source: text('source').notNull(),
  region: text('region'),
  keyHash: text('key_hash').notNull().unique(),
  revoked: boolean('revoked').notNull().default(false),
  createdAt: bigNumber('created_at').notNull(),
});

/**
 * DPA 2018 s.62 audit trail, one hash chain. Ids come from an identity drawn while the chain's lock
 * is held, so id order is chain order.
 */
export const audit = pgTable('audit', {
  id: bigNumber('id').primaryKey().generatedByDefaultAsIdentity(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  role: text('role').notNull(),
  action: text('action').notNull(),
  subject: text('subject'),
  detail: text('detail').notNull(),
  ip: text('ip'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/** Failed sign-ins, denials, rate limits and malformed input: kept apart from the audit trail. */
export const securityLog = pgTable('security_log', {
  id: bigNumber('id').primaryKey().generatedByDefaultAsIdentity(),
  at: text('at').notNull(),
  kind: text('kind').notNull(),
  ip: text('ip'),
  detail: text('detail').notNull(),
});
