import { ServerClock } from './clock.svelte.js';
import { loadConfig } from './config.js';
import { Connection } from './connection.svelte.js';
import type { Nexus } from './context.js';
import { LiveStore } from './live.svelte.js';
import { OperatorStore } from './operator.svelte.js';
import { Router } from './router.svelte.js';
import { Toasts } from './toast.svelte.js';
import { UiState } from './ui.svelte.js';

/** Wires the state objects together once; nothing connects until `start`. */
export function createNexus(): Nexus {
  const live = new LiveStore();
  const clock = new ServerClock();
  const operator = new OperatorStore();
  const config = loadConfig();
  // Under the simulator the server's clock runs fast: countdowns must run at the same pace.
  void config.then((c) => clock.setRate(c.simulator?.speed ?? 1));
  return {
    live,
    clock,
    operator,
    connection: new Connection(live, clock, operator.name),
    ui: new UiState(),
    router: new Router(),
    toasts: new Toasts(),
    config,
  };
}
