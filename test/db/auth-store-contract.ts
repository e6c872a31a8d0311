import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../db/audit-chain.js';
import type { AuditInput, AuthStore } from '../../db/auth-store.js';

/** An AuthStore and a way to close the database under it. */
export interface OpenAuthStore {
  auth: AuthStore;
  close(): Promise<void>;
}

const newUser = (username: string, role: 'admin' | 'duty_manager' = 'duty_manager', regions: string[] = ['Metropolitan Police']) => ({
  username,
  passwordHash: `scrypt$hash-of-${username}`,
  role,
  regions,
  callSign: null,
  createdAt: 1_700_000_000_000,
});

const audited = (n: number, more: Partial<AuditInput> = {}): AuditInput => ({
  at: `2026-11-24T14:0${n}:00.000Z`,
  actor: 'admin',
  role: 'admin',
  action: 'user.create',
  subject: `user-${n}`,
  detail: { n, note: 'ünïcode ✓' },
  ip: '10.0.0.1',
  ...more,
});

/**
 * The behaviour every AuthStore must have, method by method. Each implementation's test file
 * calls this with a factory for a fresh, empty store (SQLite, PostgreSQL).
 */
export function authStoreContract(name: string, open: () => Promise<OpenAuthStore>): void {
  describe(`AuthStore contract: ${name}`, () => {
    let opened: OpenAuthStore | null = null;
    const fresh = async () => (opened = await open()).auth;
    afterEach(async () => {
      await opened?.close();
      opened = null;
    });

    it('creates users and finds them by name and id; counts and lists them by username', async () => {
      const a = await fresh();
      expect(await a.countUsers()).toBe(0);
      const zoe = await a.createUser(newUser('zoe', 'admin', []));
      const amir = await a.createUser(newUser('amir'));
      expect(zoe).toEqual({ ...newUser('zoe', 'admin', []), id: zoe.id, disabled: false, version: 1 });
      expect(amir.id).not.toBe(zoe.id);
      expect(await a.countUsers()).toBe(2);
      expect(await a.findUserByName('amir')).toEqual(amir);
      expect(await a.findUser(zoe.id)).toEqual(zoe);
      expect(await a.findUserByName('nobody')).toBeNull();
      expect(await a.findUser(9_999)).toBeNull();
      expect((await a.listUsers()).map((u) => u.username)).toEqual(['amir', 'zoe']);
    });

    it('refuses a second user with the same username', async () => {
      const a = await fresh();
      await a.createUser(newUser('amir'));
      await expect(a.createUser(newUser('amir'))).rejects.toThrow();
      expect(await a.countUsers()).toBe(1);
    });

    it('changes a user and bumps their version with every change', async () => {
      const a = await fresh();
      const u = await a.createUser(newUser('amir'));
      const moved = await a.updateUser(u.id, { regions: ['West Midlands Police', 'Scotland'] });
      expect(moved).toEqual({ ...u, regions: ['West Midlands Police', 'Scotland'], version: 2 });
      const changed = await a.updateUser(u.id, { role: 'ccu_operator', disabled: true, passwordHash: 'scrypt$new' });
      expect(changed).toEqual({ ...moved, role: 'ccu_operator', disabled: true, passwordHash: 'scrypt$new', version: 3 });
      expect(await a.findUser(u.id)).toEqual(changed);
      expect(await a.updateUser(9_999, { disabled: true })).toBeNull();
    });

    it("links an officer account to one call sign: found by it, changed and unlinked, never shared by two accounts", async () => {
      const a = await fresh();
      const io = await a.createUser({ ...newUser('io.seven', 'duty_manager', ['Metropolitan Police']), role: 'officer', callSign: 'MET-IO-07' });
      expect(io).toMatchObject({ role: 'officer', callSign: 'MET-IO-07', version: 1 });
      expect(await a.findUserByCallSign('MET-IO-07')).toEqual(io);
      expect(await a.findUserByCallSign('MET-IO-08')).toBeNull();
      // Accounts without a call sign do not collide with each other.
      await a.createUser(newUser('amir'));
      await a.createUser(newUser('zoe'));
      await expect(a.createUser({ ...newUser('io.copy'), role: 'officer', callSign: 'MET-IO-07' })).rejects.toThrow();
      const relinked = await a.updateUser(io.id, { callSign: 'MET-IO-08' });
      expect(relinked).toEqual({ ...io, callSign: 'MET-IO-08', version: 2 });
      expect(await a.findUserByCallSign('MET-IO-07')).toBeNull();
      const other = await a.createUser({ ...newUser('io.new'), role: 'officer', callSign: 'MET-IO-07' });
      await expect(a.updateUser(other.id, { callSign: 'MET-IO-08' })).rejects.toThrow();
      expect((await a.updateUser(io.id, { callSign: null }))?.callSign).toBeNull();
      expect(await a.findUserByCallSign('MET-IO-08')).toBeNull();
    });

    it('creates, finds, touches and deletes sessions, one at a time or all of a user or kiosk', async () => {
      const a = await fresh();
      const u = await a.createUser(newUser('amir'));
      const other = await a.createUser(newUser('zoe'));
      const k = await a.createKiosk({ name: 'JOC wall', regions: [], tokenHash: 'device-1', createdAt: 5, enrolExpiresAt: 1_000 });
      const session = (tokenHash: string, owner: { userId: number } | { kioskId: number }) => ({
        tokenHash,
        userId: 'userId' in owner ? owner.userId : null,
        kioskId: 'kioskId' in owner ? owner.kioskId : null,
        createdAt: 10,
        lastSeenAt: 10,
      });
      for (const s of [session('s1', { userId: u.id }), session('s2', { userId: u.id }), session('s3', { userId: other.id }), session('s4', { kioskId: k.id })]) {
        await a.createSession(s);
      }
      expect(await a.findSession('s1')).toEqual(session('s1', { userId: u.id }));
      expect(await a.findSession('nope')).toBeNull();
      // Many at once, each with its owner, in one call (however many are asked for).
      const owners = await a.findSessionOwners(['s1', 's3', 's4', 'nope', ...Array.from({ length: 1_200 }, (_, i) => `x-${i}`)]);
      expect([...owners.keys()].sort()).toEqual(['s1', 's3', 's4']);
      expect(owners.get('s1')).toEqual({ session: session('s1', { userId: u.id }), user: u, kiosk: null });
      expect(owners.get('s4')).toEqual({ session: session('s4', { kioskId: k.id }), user: null, kiosk: k });
      await a.touchSession('s1', 99);
      expect((await a.findSession('s1'))?.lastSeenAt).toBe(99);

      await a.deleteSession('s1');
      expect(await a.findSession('s1')).toBeNull();
      await a.deleteSessionsOf({ userId: u.id });
      expect(await a.findSession('s2')).toBeNull();
      expect(await a.findSession('s3')).not.toBeNull();
      await a.deleteSessionsOf({ kioskId: k.id });
      expect(await a.findSession('s4')).toBeNull();
      expect(await a.findSession('s3')).not.toBeNull();
    });

    it('enrols, finds, lists and revokes wall displays, never returning their token hash', async () => {
      const a = await fresh();
      const k1 = await a.createKiosk({ name: 'JOC wall', regions: ['Metropolitan Police'], tokenHash: 'device-1', createdAt: 5, enrolExpiresAt: 1_000 });
      const k2 = await a.createKiosk({ name: 'Birmingham', regions: [], tokenHash: 'device-2', createdAt: 6, enrolExpiresAt: 1_000 });
      expect(k1).toEqual({ id: k1.id, name: 'JOC wall', regions: ['Metropolitan Police'], revoked: false, createdAt: 5, enrolExpiresAt: 1_000, enrolledAt: null });
      expect(await a.findKiosk(k1.id)).toEqual(k1);
      expect(await a.findKiosk(9_999)).toBeNull();
      expect(await a.listKiosks()).toEqual([k1, k2]);
      expect(await a.revokeKiosk(k1.id)).toBe(true);
      expect(await a.revokeKiosk(9_999)).toBe(false);
      expect((await a.findKiosk(k1.id))?.revoked).toBe(true);
      await expect(a.createKiosk({ name: 'copy', regions: [], tokenHash: 'device-2', createdAt: 7, enrolExpiresAt: 1_000 })).rejects.toThrow();
    });

    it('an enrolment link is claimed once, before it expires, and never for a revoked display; a new link voids the old', async () => {
      const a = await fresh();
      const k = await a.createKiosk({ name: 'JOC wall', regions: [], tokenHash: 'link-1', createdAt: 5, enrolExpiresAt: 1_000 });
      expect(await a.claimKioskEnrolment('link-1', 1_000)).toBeNull(); // expired at that instant
      expect(await a.claimKioskEnrolment('link-9', 500)).toBeNull();
      expect(await a.claimKioskEnrolment('link-1', 500)).toEqual({ ...k, enrolledAt: 500 });
      expect(await a.claimKioskEnrolment('link-1', 501)).toBeNull(); // used
      expect(await a.renewKioskEnrolment(k.id, 'link-2', 2_000)).toEqual({ ...k, enrolExpiresAt: 2_000, enrolledAt: null });
      expect(await a.claimKioskEnrolment('link-1', 600)).toBeNull();
      // Two displays racing with one link: exactly one enrols.
      const both = await Promise.all([a.claimKioskEnrolment('link-2', 700), a.claimKioskEnrolment('link-2', 700)]);
      expect(both.filter((x) => x !== null)).toHaveLength(1);
      await a.renewKioskEnrolment(k.id, 'link-3', 2_000);
      await a.revokeKiosk(k.id);
      expect(await a.claimKioskEnrolment('link-3', 800)).toBeNull();
      expect(await a.renewKioskEnrolment(k.id, 'link-4', 2_000)).toBeNull();
    });

    it('issues, finds, lists and revokes ingest keys, never returning their hash', async () => {
      const a = await fresh();
      const k1 = await a.createIngestKey({ source: 'custody-met', region: 'Metropolitan Police', keyHash: 'key-1', createdAt: 5 });
      const k2 = await a.createIngestKey({ source: 'gps', region: null, keyHash: 'key-2', createdAt: 6 });
      expect(k1).toEqual({ id: k1.id, source: 'custody-met', region: 'Metropolitan Police', revoked: false, createdAt: 5 });
      expect(await a.findIngestKey('key-2')).toEqual(k2);
      expect(await a.findIngestKey('key-9')).toBeNull();
      expect(await a.listIngestKeys()).toEqual([k1, k2]);
      expect(await a.revokeIngestKey(k2.id)).toBe(true);
      expect(await a.revokeIngestKey(9_999)).toBe(false);
      expect((await a.findIngestKey('key-2'))?.revoked).toBe(true);
    });

    it('appends audit entries to one hash chain that verifies, and an edit breaks it', async () => {
      const a = await fresh();
      const first = await a.appendAudit(audited(1));
      const second = await a.appendAudit(audited(2, { subject: null, ip: null }));
      expect(first).toMatchObject({ ...audited(1), id: first.id, prevHash: '0'.repeat(64) });
      expect(second).toMatchObject({ ...audited(2, { subject: null, ip: null }), prevHash: first.hash });
      const all = await a.allAudit();
      expect(all).toEqual([first, second]);
      expect(verifyChain(all)).toEqual({ brokenAt: null, checked: 2 });
      expect(verifyChain([first, { ...second, detail: { n: 3 } }]).brokenAt).toBe(second.id);
    });

    it('lists audit entries newest first, filtered by actor, action and time, up to a limit', async () => {
      const a = await fresh();
      for (let n = 1; n <= 5; n++) await a.appendAudit(audited(n, n % 2 ? {} : { actor: 'amir', action: 'officer.assign' }));
      const subjects = async (filter: Parameters<AuthStore['listAudit']>[0]) => (await a.listAudit(filter)).map((e) => e.subject);
      expect(await subjects({ limit: 10 })).toEqual(['user-5', 'user-4', 'user-3', 'user-2', 'user-1']);
      expect(await subjects({ limit: 2 })).toEqual(['user-5', 'user-4']);
      expect(await subjects({ actor: 'amir', limit: 10 })).toEqual(['user-4', 'user-2']);
      expect(await subjects({ action: 'user.create', limit: 10 })).toEqual(['user-5', 'user-3', 'user-1']);
      expect(await subjects({ from: audited(2).at, to: audited(4).at, limit: 10 })).toEqual(['user-4', 'user-3', 'user-2']);
    });

    it('keeps a security log, newest first, up to a limit', async () => {
      const a = await fresh();
      await a.appendSecurity('signin.failed', '10.0.0.2', { username: 'amir' });
      await a.appendSecurity('socket.rate_limited', null, { event: 'officer:assign' });
      const entries = await a.listSecurity(10);
      expect(entries).toMatchObject([
        { kind: 'socket.rate_limited', ip: null, detail: { event: 'officer:assign' } },
        { kind: 'signin.failed', ip: '10.0.0.2', detail: { username: 'amir' } },
      ]);
      expect(Date.parse(entries[0]!.at)).not.toBeNaN();
      expect(await a.listSecurity(1)).toHaveLength(1);
    });
  });
}
