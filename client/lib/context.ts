import { createContext } from 'svelte';
import type { ServerClock } from './clock.svelte.js';
import type { Connection } from './connection.svelte.js';
import type { LiveStore } from './live.svelte.js';
import type { OperatorStore } from './operator.svelte.js';
import type { Router } from './router.svelte.js';
import type { Toasts } from './toast.svelte.js';
import type { UiState } from './ui.svelte.js';
import type { ClientConfig } from '../../protocol/index.js';

/** The app's state objects, made once in main.ts; components read them and call their actions. */
export interface Nexus {
  live: LiveStore;
  clock: ServerClock;
  connection: Connection;
  operator: OperatorStore;
  ui: UiState;
  router: Router;
  toasts: Toasts;
  config: Promise<ClientConfig>;
}

export const [getNexus, setNexus] = createContext<Nexus>();
