import { createContext } from 'svelte';
import type { ServerClock } from './clock.svelte.js';
import type { Connection } from './connection.svelte.js';
import type { LiveStore } from './live.svelte.js';
import type { RecommendationsStore } from './recommendations.svelte.js';
import type { Abilities } from './roles.js';
import type { Router } from './router.svelte.js';
import type { Session } from './session.svelte.js';
import type { Toasts } from './toast.svelte.js';
import type { UiState } from './ui.svelte.js';
import type { UpdatePump } from './update-pump.js';
import type { ClientConfig, Me } from '../../protocol/index.js';

/**
 * The dashboard's state objects, made once per sign-in by `createNexus`; components read them
 * and call their actions. Signing out drops the lot, so nothing seen stays in memory.
 */
export interface Nexus {
  /** Who is signed in: fixed for the life of this dashboard (a change ends the session). */
  me: Me;
  /** What that role sees and may do here. */
  can: Abilities;
  session: Session;
  live: LiveStore;
  clock: ServerClock;
  /** Applies what the socket brings and ticks the clock: once a second, in one frame. */
  pump: UpdatePump;
  connection: Connection;
  ui: UiState;
  router: Router;
  toasts: Toasts;
  /** Recommended moves: one list for the meeting page and the sidebar (read only for duty managers). */
  recommendations: RecommendationsStore;
  config: Promise<ClientConfig>;
}

export const [getNexus, setNexus] = createContext<Nexus>();
