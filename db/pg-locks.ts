/**
 * PostgreSQL advisory lock keys, all in one place so no two jobs ever share one by accident.
 * Advisory locks are per database, so clusters on different databases never meet.
 */
export const PG_LOCK = {
  /** Held (transaction-scoped) by every append: one writer at a time, commits in seq order. */
  append: 4_815_001,
  /** Held (transaction-scoped) while reading the audit chain's last hash and adding an entry. */
  audit: 4_815_002,
  /** Held (session-scoped) while migrating, so nodes starting together migrate one after another. */
  migrate: 4_815_003,
  /** Held (session-scoped) by the leader: the node that runs the simulator, timers and checkpoints. */
  leader: 4_815_004,
  /** Held (transaction-scoped) by a retention run (db/pg-retention.ts), so two runs never overlap. */
  retention: 4_815_005,
} as const;

/** The NOTIFY channel on which every committed append announces its last seq. */
export const LOG_CHANNEL = 'nexus_log';
