import type { AuthStore } from '../../db/auth-store.js';
import type { EventStore } from '../../db/store.js';
import type { Config } from '../config.js';
import type { LiveEngine } from '../live/engine.js';
import type { Logger } from '../log.js';
import type { Audit } from './audit.js';
import type { Sessions } from './sessions.js';

/** What the HTTP and socket edges need, wired once in createApp. */
export interface EdgeContext {
  engine: LiveEngine;
  store: EventStore;
  auth: AuthStore;
  sessions: Sessions;
  audit: Audit;
  config: Config;
  log: Logger;
  /** Checks every live connection's session again now, cutting those that lost their authority. */
  recheckConnections(): void;
}
