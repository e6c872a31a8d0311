import { describe, expect, it } from 'vitest';
import type { ApiRouteKey } from '../../protocol/index.js';
import type { EdgeContext } from '../../server/security/context.js';
import { GuardedRouter } from '../../server/transport/guarded-router.js';

/** Nothing here handles a request: these are the start-up checks, which need no server. */
const router = () => new GuardedRouter({} as Pick<EdgeContext, 'audit' | 'auth' | 'log' | 'config'>);

describe('the guarded router refuses to start on a route table it does not match', () => {
  it('refuses a route that has no entry in the table', () => {
    expect(() => router().route('GET /api/not-in-the-table' as ApiRouteKey, ({ ok }) => ok(null as never))).toThrow(/No entry for GET \/api\/not-in-the-table/);
  });

  it('refuses a second handler for one route', () => {
    const api = router();
    api.route('GET /api/health', ({ ok }) => ok({ seq: 0, protocolVersion: 2 }));
    expect(() => api.route('GET /api/health', ({ ok }) => ok({ seq: 0, protocolVersion: 2 }))).toThrow(/has a handler already/);
  });

  it('refuses to start while any entry of the table has no handler', () => {
    const api = router();
    api.route('GET /api/health', ({ ok }) => ok({ seq: 0, protocolVersion: 2 }));
    expect(() => api.assertComplete()).toThrow(/No handler for .*GET \/api\/config/);
    expect(() => api.assertComplete()).not.toThrow(/GET \/api\/health/);
  });
});
