import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  },
  (t) => [
    uniqueIndex('events_source_event').on(t.source, t.sourceEventId),
    index('events_type_at').on(t.type, t.at),
    index('events_custody_ref').on(t.custodyRef),
  ],
);

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
export const checkpoints = sqliteTable('checkpoints', {
  seq: integer('seq').primaryKey(),
  createdAt: integer('created_at').notNull(),
  state: text('state').notNull(),
});
