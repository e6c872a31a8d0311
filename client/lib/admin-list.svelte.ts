import type { Ack } from '../../protocol/index.js';
import { RemoteList } from './resource.svelte.js';

/** A secret the server made (password, enrolment token, ingest key): shown once, then gone. */
export interface ShownSecret {
  /** What it is for, e.g. the username or the wall display's name. */
  about: string;
  value: string;
}

/**
 * One list on the admin page (users, wall displays, ingest keys) and the actions on it. After
 * each action the list is read again, so the table shows what the server holds, not a guess.
 * A secret in an answer is kept only until the administrator dismisses it.
 */
export class AdminList<T> extends RemoteList<T> {
  readonly #read: () => Promise<Ack<T[]>>;
  #secret = $state.raw<ShownSecret | null>(null);
  #busy = $state(false);
  #actionError = $state<string | null>(null);

  constructor(read: () => Promise<Ack<T[]>>) {
    super();
    this.#read = read;
  }

  /** Why the last action was refused, in the server's words. */
  get actionError(): string | null {
    return this.#actionError;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get secret(): ShownSecret | null {
    return this.#secret;
  }

  load(): void {
    void this.list.load(() => this.#read());
  }

  /**
   * Sends one change; returns whether the server accepted it. `about` names what a secret in
   * the answer belongs to. A new action replaces a secret still on screen only if it brings one.
   */
  async act(send: () => Promise<Ack<unknown>>, about: string): Promise<boolean> {
    if (this.#busy) return false;
    this.#busy = true;
    this.#actionError = null;
    const reply = await send();
    this.#busy = false;
    if (!reply.ok) {
      this.#actionError = reply.error.message;
      return false;
    }
    const secret = secretOf(reply);
    if (secret !== null) this.#secret = { about, value: secret };
    this.load();
    return true;
  }

  dismissSecret(): void {
    this.#secret = null;
  }

  cancel(): void {
    this.list.cancel();
  }
}

/** The secret in an answer that made or reset something; null when there is none. */
function secretOf(reply: Ack<unknown>): string | null {
  if (!reply.ok || typeof reply.data !== 'object' || reply.data === null || !('secret' in reply.data)) return null;
  const secret = (reply.data as { secret: unknown }).secret;
  return typeof secret === 'string' && secret !== '' ? secret : null;
}
