import type { AuthStore } from '../../db/auth-store.js';
import type { Role } from '../../protocol/index.js';
import { callSignProblem } from './account-scope.js';

/**
 * Why an account cannot be linked to a call sign: the roster's rule (an officer, on the roster,
 * in the account's region; nobody else), and one account per call sign. Used by the Admin page
 * and `npm run user:add`, so both refuse the same links.
 */
export async function callSignLinkProblem(
  auth: AuthStore,
  officers: Iterable<{ id: string; region: string }>,
  account: { role: Role; regions: readonly string[]; callSign: string | null; userId: number | null },
): Promise<string | null> {
  const roster = new Map([...officers].map((o) => [o.id, o.region]));
  const problem = callSignProblem(account.role, account.regions, account.callSign, roster);
  if (problem || account.callSign === null) return problem;
  const holder = await auth.findUserByCallSign(account.callSign);
  return holder && holder.id !== account.userId ? `${account.callSign} is already linked to ${holder.username}.` : null;
}
