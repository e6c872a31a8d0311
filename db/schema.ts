import { blob, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The event log: the source of truth. `seq` is global and gap-free; `data` is the event's JSON. */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey(),
    type: text('type').notNull(),
    at: integer('at').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    actor: text('actor').notNull(),
    source: text('source').notNull(),
    sourceEventId: text('source_event_id'),
    /** The custody reference a case event is about, so one case's timeline (ERF) is one lookup. */
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

/**
 * The reports' read model: one row per case (server/domain/case-record.ts, column for column),
 * written in the same transaction as the facts that changed it. Derived from the log, never the
 * source of truth: it can be rebuilt from the log at any time.
 */
export const caseStates = sqliteTable(
  'case_states',
  {
    custodyRef: text('custody_ref').primaryKey(),
    arrivalSuiteId: text('arrival_suite_id').notNull(),
    suiteId: text('suite_id').notNull(),
    region: text('region').notNull(),
    nationality: text('nationality').notNull(),
    relevantTime: integer('relevant_time').notNull(),
    arrivalDay: text('arrival_day').notNull(),
    arrivalHourOfWeek: integer('arrival_hour_of_week').notNull(),
    highHarm: integer('high_harm', { mode: 'boolean' }).notNull(),
    checkAt: integer('check_at'),
    checkMode: text('check_mode'),
    checkOutcome: text('check_outcome'),
    minutesToCheck: integer('minutes_to_check'),
    releasedAt: integer('released_at'),
    releaseDay: text('release_day'),
    disposal: text('disposal'),
    nonAttendanceReason: text('non_attendance_reason'),
    decision: text('decision'),
    decisionAt: integer('decision_at'),
    decisionDay: text('decision_day'),
    decisionOfficerId: text('decision_officer_id'),
    etdRequired: integer('etd_required', { mode: 'boolean' }).notNull(),
    etdApplied: integer('etd_applied', { mode: 'boolean' }).notNull(),
    outcome: text('outcome'),
    outcomeAt: integer('outcome_at'),
    outcomeDay: text('outcome_day'),
    /** Each outcome's London day (several per case): the reports count each on its own day. */
    papersServedDay: text('papers_served_day'),
    detainedDay: text('detained_day'),
    removedDay: text('removed_day'),
    noFurtherActionDay: text('no_further_action_day'),
    caseJson: text('case_json').notNull(),
    asOfSeq: integer('as_of_seq').notNull(),
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
export const readModelPositions = sqliteTable('read_model_positions', {
  name: text('name').primaryKey(),
  seq: integer('seq').notNull(),
});

/** Reference data: custody suites (imported from custody-suites.csv on first start). */
export const suites = sqliteTable('suites', {
  id: text('id').primaryKey(),
  region: text('region').notNull(),
  name: text('name').notNull(),
  note: text('note'),
  lat: real('lat').notNull(),
  lng: real('lng').notNull(),
  cells: integer('cells'),
  openAtStart: integer('open_at_start', { mode: 'boolean' }).notNull(),
  source: text('source').notNull(),
});

/** Reference data: the officer roster, by call sign. */
export const officers = sqliteTable('officers', {
  id: text('id').primaryKey(),
  role: text('role', { enum: ['embedded_io', 'ice_officer'] }).notNull(),
  region: text('region').notNull(),
  homeSuiteId: text('home_suite_id').references(() => suites.id),
  baseLat: real('base_lat').notNull(),
  baseLng: real('base_lng').notNull(),
});

/**
 * A cache of the projection at one sequence number, written in the same transaction as the events
 * up to it, so a restart replays only the tail. Never the source of truth: deleting it is safe.
 */
/**
 * The latest checkpoint of the live state: a cache, deletable. `state` is the gzipped JSON of a
 * SerialisedState (small enough to write without stalling the event loop); a row written before
 * compression holds the JSON text itself, and is still read.
 */
export const checkpoints = sqliteTable('checkpoints', {
  seq: integer('seq').primaryKey(),
  createdAt: integer('created_at').notNull(),
  state: blob('state', { mode: 'buffer' }).notNull(),
});

/** People who sign in. Officers on the roster are call signs; these are the dashboard's users. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  /** scrypt$N$r$p$salt$hash: never a plain or fast hash. */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison'] }).notNull(),
  /** JSON array of region names the role is limited to; empty means national. */
  regions: text('regions').notNull().default('[]'),
  /** An officer's call sign on the roster: one account per call sign, none for other roles. */
  callSign: text('call_sign').unique(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  /** Bumped on every change of role, regions or status, so open sessions can be cut. */
  version: integer('version').notNull().default(1),
  createdAt: integer('created_at').notNull(),
});

/** Signed-in sessions, by the SHA-256 of their token (the token itself lives only in the cookie). */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').references(() => users.id),
  kioskId: integer('kiosk_id').references(() => kiosks.id),
  createdAt: integer('created_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
});

/**
 * Wall displays, enrolled by an admin with a one-time link: its token works once, before
 * `enrol_expires_at`; the display then holds a revocable session. A link made before links
 * expired (no expiry) no longer works: the admin makes a new one.
 */
export const kiosks = sqliteTable('kiosks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  regions: text('regions').notNull().default('[]'),
  revoked: integer('revoked', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  enrolExpiresAt: integer('enrol_expires_at'),
  enrolledAt: integer('enrolled_at'),
});

/** Per-source keys for POST /api/ingest, scoped to a source and optionally a region. */
export const ingestKeys = sqliteTable('ingest_keys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  source: text('source').notNull(),
  region: text('region'),
  keyHash: text('key_hash').notNull().unique(),
  revoked: integer('revoked', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

/**
 * DPA 2018 s.62: who consulted, changed, exported or disclosed what, and when. Append-only; each
 * entry's hash covers the previous one, so an edit anywhere breaks the chain from there on.
 */
export const audit = sqliteTable('audit', {
  id: integer('id').primaryKey(),
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
export const securityLog = sqliteTable('security_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  kind: text('kind').notNull(),
  ip: text('ip'),
  detail: text('detail').notNull(),
});
