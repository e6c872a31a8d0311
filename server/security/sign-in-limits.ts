import type { LimitStore } from './limit-store.js';

const MINUTE = 60_000;
const WINDOW_MS = 15 * MINUTE;
/** Failures at one account from one address, from any address, and from one address at all. */
export const PER_ACCOUNT_AND_ADDRESS = 5;
export const PER_ACCOUNT = 10;
export const PER_ADDRESS = 30;
/** How long an address stays "known" for an account after a successful sign-in from it. */
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * MINUTE;

export type Verdict = { ok: true } | { ok: false; why: 'account' | 'account_and_address' | 'address' };

/**
 * Who may try a password now (docs/security.md, "Sign-in limits"):
 * - 5 failures at one account from one address in 15 minutes stop that pair;
 * - 10 failures at one account from anywhere stop the account for the rest of the window, so
 *   guessing from many addresses (or a forged X-Forwarded-For) gains nothing;
 * - 30 failures from one address stop that address, except for accounts that have signed in
 *   from it within 30 days, so a control room behind one address keeps working while someone
 *   there mistypes or tries many accounts.
 * A stopped attempt is refused even with the right password: otherwise the limit would only hide
 * failures, not stop guessing.
 */
export class SignInLimits {
  readonly #store: LimitStore;

  constructor(store: LimitStore) {
    this.#store = store;
  }

  async allows(username: string, ip: string, now: number): Promise<Verdict> {
    const user = username.toLowerCase();
    const [pair, account, address] = await Promise.all([
      this.#store.count(`signin:pair:${user}|${ip}`, WINDOW_MS, now),
      this.#store.count(`signin:user:${user}`, WINDOW_MS, now),
      this.#store.count(`signin:ip:${ip}`, WINDOW_MS, now),
    ]);
    if (account >= PER_ACCOUNT) return { ok: false, why: 'account' };
    if (pair >= PER_ACCOUNT_AND_ADDRESS) return { ok: false, why: 'account_and_address' };
    if (address >= PER_ADDRESS && !(await this.#store.knows(`signin:known:${user}|${ip}`, now))) return { ok: false, why: 'address' };
    return { ok: true };
  }

  async failed(username: string, ip: string, now: number): Promise<void> {
    const user = username.toLowerCase();
    await Promise.all([
      this.#store.hit(`signin:pair:${user}|${ip}`, WINDOW_MS, now),
      this.#store.hit(`signin:user:${user}`, WINDOW_MS, now),
      this.#store.hit(`signin:ip:${ip}`, WINDOW_MS, now),
    ]);
  }

  /** A success clears that pair's failures and makes the address known for the account. */
  async succeeded(username: string, ip: string, now: number): Promise<void> {
    const user = username.toLowerCase();
    await Promise.all([this.#store.clear(`signin:pair:${user}|${ip}`), this.#store.remember(`signin:known:${user}|${ip}`, KNOWN_ADDRESS_MS, now)]);
  }

  /** An admin reset the password: the account may be tried again at once. */
  async reset(username: string): Promise<void> {
    await this.#store.clear(`signin:user:${username.toLowerCase()}`);
  }
}
