import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, TestClient, type TestServer } from '../support/server.js';

/**
 * What an idle screen's socket holds on the server (measure 7): listeners made once for the
 * server rather than per socket, and nothing of the handshake's request, least of all the
 * session cookie, once the socket is signed in.
 */
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.stop());

const serverSockets = () => [...server.app.io.of('/').sockets.values()];

describe('an idle socket', () => {
  it('shares its event listeners with every other socket', async () => {
    const a = new TestClient(server.url, server.cookies.duty_manager);
    const b = new TestClient(server.url, server.cookies.ccu_operator);
    await Promise.all([a.hello(), b.hello()]);
    const [x, y] = serverSockets();
    const events = x!.eventNames().filter((e) => typeof e === 'string' && e.includes(':'));
    expect(events).toContain('sync:hello');
    expect(events).toContain('officer:assign');
    for (const event of [...events, 'disconnect']) expect(x!.listeners(event as 'sync:hello')).toEqual(y!.listeners(event as 'sync:hello'));
    a.close();
    b.close();
  });

  it('keeps neither the handshake request nor its session cookie, and still answers and acts', async () => {
    const client = new TestClient(server.url, server.cookies.duty_manager);
    await client.hello();
    const [socket] = serverSockets();
    expect(socket!.request).toBeNull();
    expect(socket!.handshake.headers.cookie).toBeUndefined();
    expect(JSON.stringify(socket!.handshake)).not.toContain(server.cookies.duty_manager.split('=')[1]!);
    expect(socket!.handshake.address).toMatch(/127\.0\.0\.1/);
    // A command after sign-in is still answered (a refusal here, the officer is unknown), not dropped.
    const reply = await client.socket.emitWithAck('officer:set-status', { officerId: 'NOPE-1', status: 'available' });
    expect(reply.ok).toBe(false);
    client.close();
  });

  it('a session that closed its sockets may open as many again', async () => {
    const limit = server.app.config.security.maxSocketsPerSession;
    for (let round = 0; round < 2; round++) {
      const open = Array.from({ length: limit }, () => new TestClient(server.url, server.cookies.wall));
      await Promise.all(open.map((c) => c.hello()));
      for (const c of open) c.close();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(serverSockets()).toHaveLength(0);
  });
});
