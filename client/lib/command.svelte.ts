import type { Ack } from '../../protocol/index.js';

/**
 * One person's command from one control, at a time: whether it is waiting for the server, and
 * why the server refused it, in the server's words. Components show these and nothing else: what
 * the command changed arrives as a delta, like everyone else's.
 */
export class Command {
  #pending = $state(false);
  #error = $state<string | null>(null);

  get pending(): boolean {
    return this.#pending;
  }
  get error(): string | null {
    return this.#error;
  }

  /** Sends unless one is already waiting; true when the server accepted it. */
  async run(send: () => Promise<Ack<unknown>>): Promise<boolean> {
    if (this.#pending) return false;
    this.#pending = true;
    this.#error = null;
    const reply = await send();
    this.#pending = false;
    if (!reply.ok) this.#error = reply.error.message;
    return reply.ok;
  }
}
