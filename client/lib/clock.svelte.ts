/**
 * The server's clock as seen from here. Waiting times and "today" must agree with the server,
 * not with a wall-display PC whose clock has drifted, so every "now" on screen comes from this.
 */
export class ServerClock {
  /** serverTime − local time, from the latest snapshot or heartbeat. */
  #offset = $state(0);
  /** Local time of the last tick; only here so readers re-run once a second. */
  #localNow = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;

  /** Server time now, updated once a second. */
  get now(): number {
    return this.#localNow + this.#offset;
  }

  get offset(): number {
    return this.#offset;
  }

  /** Local (browser) time of the last tick, for measuring how old received data is. */
  get localNow(): number {
    return this.#localNow;
  }

  /** Learns the offset from a server timestamp received just now (latency is ignored: < 1 s). */
  observe(serverTime: number): void {
    this.#offset = serverTime - Date.now();
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => (this.#localNow = Date.now()), 1000);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
