import { describe, expect, it } from 'vitest';
import { sha256 } from '../../server/security/secrets.js';
import type { Principal } from '../../server/security/principal.js';
import { batchedSessionCheck } from '../../server/transport/session-batch.js';

const who = (name: string) => ({ name }) as unknown as Principal;

/** A fake Sessions.resolveHashes: records each call; answers when released. */
function fakeSessions(known: Record<string, string>) {
  const calls: { hashes: string[]; touch: boolean; release: () => void }[] = [];
  const byHash = new Map(Object.entries(known).map(([token, name]) => [sha256(token), who(name)]));
  const resolveHashes = (hashes: readonly string[], touch: boolean) =>
    new Promise<Map<string, Principal | null>>((resolve) => {
      calls.push({ hashes: [...hashes], touch, release: () => resolve(new Map(hashes.map((h) => [h, byHash.get(h) ?? null]))) });
    });
  return { calls, resolveHashes };
}
const turn = () => new Promise((r) => setImmediate(r));

describe('batchedSessionCheck', () => {
  it('asks once for the first handshake and once for all that came while it was out, each getting its own answer', async () => {
    const { calls, resolveHashes } = fakeSessions({ a: 'Ann', b: 'Bob', c: 'Cat' });
    const check = batchedSessionCheck(resolveHashes, () => {});
    const first = check('a');
    const rest = [check('b'), check('c'), check('b'), check('nobody')];
    await turn();
    expect(calls.map((c) => c.hashes.length)).toEqual([1]);
    calls[0]!.release();
    await turn();
    expect(calls.length).toBe(2);
    expect(calls[1]!.hashes).toEqual([sha256('b'), sha256('c'), sha256('nobody')]);
    expect(calls[1]!.touch).toBe(false);
    calls[1]!.release();
    expect((await first)?.name).toBe('Ann');
    expect((await Promise.all(rest)).map((p) => p?.name ?? null)).toEqual(['Bob', 'Cat', 'Bob', null]);
  });

  it('writes last-seen times after answering, for the sessions it found', async () => {
    const { calls, resolveHashes } = fakeSessions({ a: 'Ann' });
    const check = batchedSessionCheck(resolveHashes, () => {});
    const answer = check('a');
    void check('nobody');
    await turn();
    calls[0]!.release();
    await turn();
    calls[1]!.release();
    expect((await answer)?.name).toBe('Ann');
    await turn();
    const touches = calls.filter((c) => c.touch);
    expect(touches.map((c) => c.hashes)).toEqual([[sha256('a')]]);
  });

  it('answers no token without asking, and a failed query as a failure to each handshake waiting on it', async () => {
    const check = batchedSessionCheck(() => Promise.reject(new Error('pool timeout')), () => {});
    expect(await check(undefined)).toBeNull();
    await expect(Promise.all([check('a'), check('b')])).rejects.toThrow('pool timeout');
    await expect(check('c')).rejects.toThrow('pool timeout');
  });
});
