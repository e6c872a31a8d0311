const KEY = 'nexus-live.operator';

/** Longest call sign the server accepts in the handshake (HandshakeAuth: FreeText(60)). */
export const OPERATOR_MAX = 60;

/**
 * Who is at the keyboard, remembered on this machine. Until sign-in exists it is sent as the
 * socket's `auth.operator`, and the server records it as the actor of every move.
 */
export class OperatorStore {
  #name = $state(read());

  get name(): string {
    return this.#name;
  }

  /** Returns whether it changed (the caller then reconnects with the new identity). */
  set(name: string): boolean {
    const next = tidy(name);
    if (next === this.#name) return false;
    this.#name = next;
    try {
      if (next) localStorage.setItem(KEY, next);
      else localStorage.removeItem(KEY);
    } catch {
      // storage disabled (kiosk mode): remembered for this page only
    }
    return true;
  }
}

/** Same rules as the server's FreeText: trimmed, bounded, no control characters. */
function tidy(name: string): string {
  return name.replace(/\p{Cc}/gu, '').trim().slice(0, OPERATOR_MAX);
}

function read(): string {
  try {
    return tidy(localStorage.getItem(KEY) ?? '');
  } catch {
    return '';
  }
}
