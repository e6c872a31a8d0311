/**
 * The server's clock as seen from here. Waiting times, PACE countdowns and "today" must agree
 * with the server, not with a wall-display PC whose clock has drifted, so every "now" on screen
 * comes from this. Under the simulator the server's clock runs faster than real time (speed ×),
 * so between two server timestamps it is extrapolated at that rate.
 */
export class ServerClock {
  /** A server timestamp and the local time it was received: the anchor for extrapolation. */
  #anchor = $state({ server: Date.now(), local: Date.now() });
  /** Server seconds per real second: 1 in production, the simulator's speed otherwise. */
  #rate = $state(1);
  /** Local time of the last tick; only here so readers re-run once a second. */
  #localNow = $state(Date.now());

  /** Server time now, updated once a second. */
  get now(): number {
    return this.toServer(this.#localNow);
  }

  /** Local (browser) time of the last tick, for measuring how old received data is. */
  get localNow(): number {
    return this.#localNow;
  }

  /** The server time that corresponds to a local (browser) instant. */
  toServer(local: number): number {
    return Math.round(this.#anchor.server + (local - this.#anchor.local) * this.#rate);
  }

  /** Learns where the server's clock is from a timestamp received at local time `heardAt` (latency < 1 s). */
  observe(serverTime: number, heardAt = Date.now()): void {
    this.#anchor = { server: serverTime, local: heardAt };
  }

  /** The simulator's speed from the server's settings; real feeds run at 1. */
  setRate(rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0) return;
    const local = Date.now();
    this.#anchor = { server: this.toServer(local), local };
    this.#rate = rate;
  }

  /**
   * Moves "now" on. Called once a second by the update pump (update-pump.ts), in the same frame
   * as the data that arrived meanwhile, so the clock and the figures change together.
   */
  tick(): void {
    this.#localNow = Date.now();
  }
}
