import type { Me } from '../../protocol/index.js';
import { ServerClock } from './clock.svelte.js';
import { loadConfig } from './config.js';
import { Connection } from './connection.svelte.js';
import type { Nexus } from './context.js';
import { LiveStore } from './live.svelte.js';
import { RecommendationsStore } from './recommendations.svelte.js';
import { abilitiesOf } from './roles.js';
import { Router } from './router.svelte.js';
import type { Session } from './session.svelte.js';
import { Toasts } from './toast.svelte.js';
import { UiState } from './ui.svelte.js';
import { UpdatePump } from './update-pump.js';

/**
 * Wires the state objects together for one signed-in person; nothing connects until the
 * dashboard starts, and `destroyNexus` undoes it all on sign-out.
 */
export function createNexus(me: Me, session: Session): Nexus {
  const live = new LiveStore();
  const clock = new ServerClock();
  // The clock ticks with the pump, in the same frame as the data that arrived that second.
  const pump = new UpdatePump(() => clock.tick());
  const can = abilitiesOf(me.role);
  const config = loadConfig();
  // Under the simulator the server's clock runs fast: countdowns must run at the same pace.
  void config.then((c) => clock.setRate(c.simulator?.speed ?? 1));
  const connection = new Connection(live, clock, pump, () => session.end());
  const toasts = new Toasts();
  return {
    me,
    can,
    session,
    live,
    clock,
    pump,
    connection,
    ui: new UiState(),
    router: new Router(can.routes),
    toasts,
    recommendations: new RecommendationsStore(connection, toasts, pump),
    config,
  };
}

/** Closes the socket, stops the clock and lets go of the address bar. */
export function destroyNexus(nexus: Nexus): void {
  nexus.connection.close();
  nexus.pump.stop();
  nexus.router.destroy();
  nexus.toasts.dismiss();
  nexus.recommendations.stop();
}
