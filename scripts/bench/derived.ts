import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../protocol/constants.js';
import { foldDerivedUpdate, openDerivedUpdate, openHelloDerived, openSnapshot, type ClientToServer, type DerivedUpdate, type HeldDerived, type HelloReply, type Role, type ServerToClient } from '../../protocol/index.js';
import type { AuthStore } from '../../db/auth-store.js';
import { SESSION_COOKIE } from '../../server/security/http.js';
import { newSecret, sha256 } from '../../server/security/secrets.js';
import { startOurs } from './ours.js';
import { paced } from './pace.js';
import { fmt, row, verdict, type MeasureResult, type Row } from './result.js';
import { nowMs, sleep } from './time.js';
import { FactStream, nationalReference } from './world.js';

export interface DerivedOptions {
  suites: number;
  officers: number;
  cases: number;
  eventsPerSecond: number;
  tickMs: number;
  seconds: number;
  warmupSeconds: number;
}

export const DERIVED_FULL: DerivedOptions = { suites: 250, officers: 1500, cases: 10_000, eventsPerSecond: 200, tickMs: 50, seconds: 20, warmupSeconds: 2 };

/** The screens measured: the one that sees everything first (the target's), then narrower scopes. */
const SCREENS: { label: string; role: Role | 'wall'; regions: string[] }[] = [
  { label: 'national duty manager', role: 'duty_manager', regions: [] },
  { label: 'JOC wall (alerts redacted)', role: 'wall', regions: [] },
  { label: 'Metropolitan Police CCU operator', role: 'ccu_operator', regions: ['Metropolitan Police'] },
  { label: 'police liaison (demand only)', role: 'police_liaison', regions: [] },
];

interface Screen {
  label: string;
  socket: Socket<ServerToClient, ClientToServer>;
  held: HeldDerived | null;
  /** Bytes of the `live:derived` frames received in the window, as Socket.IO writes them. */
  bytes: number;
  /** What the whole-view protocol (before decision 58) would have sent for the same updates. */
  wholeBytes: number;
  updates: number;
  broken: number;
  /** Bytes of each part of the changes: where the volume is. */
  parts: { alerts: number; capacity: number; queue: number };
}

/** The Socket.IO text frame of an event: `42["name",payload]` (what the whole view was sent as). */
const frameBytes = (payload: unknown) => Buffer.byteLength(`42["live:derived",${JSON.stringify(payload)}]`);
/** A gzipped update: the binary event's text header frame, then the attachment's own frame. */
const BINARY_HEADER = Buffer.byteLength('451-["live:derived",{"_placeholder":true,"num":0}]');

/**
 * Measure 10: bytes per socket per second of the derived view (alerts, CCU queue, capacity) on the
 * national world while facts flow at measure 1's rate. Ours: the numbered changes each scope's
 * room is sent (decision 58). Baseline: the whole view, as sent before, once for each of the same
 * recomputations (the publishing schedule is unchanged: within a second of a change, and every 15 s).
 */
export async function derived(o: DerivedOptions = DERIVED_FULL): Promise<MeasureResult> {
  const reference = nationalReference(o.suites, o.officers);
  const ours = await startOurs({ reference });
  const screens: Screen[] = [];
  let seconds = 0;
  try {
    const stream = new FactStream(reference, 10, 'D');
    for (const b of stream.onDutyBatches()) await ours.ingest(b);
    for (let n = 0; n < o.cases; n += 500) await ours.ingest({ source: 'bench-custody', events: Array.from({ length: Math.min(500, o.cases - n) }, () => stream.arrest()) });
    for (const s of SCREENS) screens.push(await connect(ours.url, s.role === 'wall' ? await wallSession(ours.app.auth) : await ours.signIn(s.role, s.regions), s.label));
    const perTick = Math.max(1, Math.round((o.eventsPerSecond * o.tickMs) / 1000));
    const feed = () => ours.ingest({ source: 'bench-feed', events: stream.mixed(perTick) });
    await paced(o.warmupSeconds * 1000, o.tickMs, feed);
    await sleep(1_200); // the warm-up's last recomputation
    for (const s of screens) Object.assign(s, { bytes: 0, wholeBytes: 0, updates: 0, parts: { alerts: 0, capacity: 0, queue: 0 } });
    const t0 = nowMs();
    await paced(o.seconds * 1000, o.tickMs, feed);
    seconds = (nowMs() - t0) / 1000;
  } finally {
    for (const s of screens) s.socket.close();
    await ours.stop();
    ours.cleanup();
  }
  const rows: Row[] = [];
  screens.forEach((s, i) => {
    const perSecond = s.bytes / seconds / 1024;
    const whole = s.wholeBytes / seconds / 1024;
    const ratio = whole > 0 ? perSecond / whole : null;
    rows.push(row(`${s.label}: KB per socket per second`, `${fmt(perSecond, 2)} KB`, `${fmt(whole, 1)} KB (whole view each time)`, ratio, i === 0 ? '≤ 5 KB' : '—', i === 0 ? verdict(perSecond <= 5) : 'INFO', perSecond));
  });
  const first = screens[0]!;
  rows.push(row('updates received per second (national duty manager)', fmt(first.updates / seconds, 2), '—', null, '—', 'INFO'));
  const kb = (n: number) => `${fmt(n / seconds / 1024, 2)} KB`;
  rows.push(row('of which alerts / capacity / CCU queue, JSON before gzip, per second (national duty manager)', `${kb(first.parts.alerts)} / ${kb(first.parts.capacity)} / ${kb(first.parts.queue)}`, '—', null, '—', 'INFO'));
  rows.push(row('updates that did not follow (screen would ask again)', fmt(screens.reduce((n, s) => n + s.broken, 0), 0), '—', null, '0', verdict(screens.every((s) => s.broken === 0))));
  return {
    id: 10,
    title: 'Derived view',
    setup:
      `${o.suites} suites, ${o.officers} officers on duty and ${fmt(o.cases, 0)} open cases (measure 5's world), then ${o.eventsPerSecond} mixed facts/s (measure 1's mix and rate: ${perTickText(o)}) for ${o.seconds} s after ${o.warmupSeconds} s warm-up. ` +
      `One real socket.io-client per scope in the bench process, each opening and folding the updates as the dashboard does. Bytes = what each \`live:derived\` puts on the WebSocket: the binary event's text header frame plus the gzipped update, per second of the window. ` +
      `Baseline: the whole filtered view the same screen would have been sent for each of the same updates before decision 58 (the view after the update, as one JSON text frame; the server recomputes on the same schedule).`,
    rows,
  };
}

/** A JOC wall display's session, as enrolling a kiosk makes one. */
async function wallSession(auth: AuthStore): Promise<string> {
  const kiosk = await auth.createKiosk({ name: 'Bench wall', regions: [], tokenHash: sha256(newSecret()), createdAt: Date.now(), enrolExpiresAt: Date.now() + 3_600_000 });
  const token = newSecret();
  await auth.createSession({ tokenHash: sha256(token), userId: null, kioskId: kiosk.id, createdAt: Date.now(), lastSeenAt: Date.now() });
  return `${SESSION_COOKIE}=${token}`;
}

const perTickText = (o: DerivedOptions) => `${Math.round((o.eventsPerSecond * o.tickMs) / 1000)} per batch every ${o.tickMs} ms`;

async function connect(url: string, cookie: string, label: string): Promise<Screen> {
  const socket: Socket<ServerToClient, ClientToServer> = io(url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true });
  const screen: Screen = { label, socket, held: null, bytes: 0, wholeBytes: 0, updates: 0, broken: 0, parts: { alerts: 0, capacity: 0, queue: 0 } };
  const fold = (update: DerivedUpdate, wireBytes: number | null) => {
    const next = foldDerivedUpdate(screen.held, update);
    if (next === null) screen.broken++;
    else if (next !== 'stale') screen.held = next;
    if (wireBytes === null) return;
    screen.updates++;
    screen.bytes += wireBytes;
    if (update.kind === 'change') for (const part of ['alerts', 'capacity', 'queue'] as const) screen.parts[part] += Buffer.byteLength(JSON.stringify(update.change[part] ?? ''));
    if (screen.held) screen.wholeBytes += frameBytes(screen.held.view);
  };
  // Until the snapshot is open, updates wait (as the dashboard holds them), then follow the reply's.
  let pending: DerivedUpdate[] | null = [];
  let opening = Promise.resolve();
  socket.on('live:derived', (packed) => {
    const wire = BINARY_HEADER + packed.byteLength;
    opening = opening.then(async () => {
      const u = openDerivedUpdate(packed);
      if (pending) pending.push(u);
      else fold(u, wire);
    });
  });
  await new Promise<void>((done, fail) => socket.once('connect', () => done()).once('connect_error', fail));
  const reply = await new Promise<HelloReply>((done, fail) =>
    socket.emit('sync:hello', { protocolVersion: PROTOCOL_VERSION, lastSeq: null }, (r) => (r.ok ? done(r.data) : fail(new Error(r.error.message)))),
  );
  if (reply.mode !== 'snapshot') throw new Error('a first hello is answered with a snapshot');
  const snapshot = await openSnapshot(reply.packed.gzip);
  screen.held = { cursor: reply.packed.derived, view: snapshot.derived };
  for (const u of openHelloDerived(reply.derived)) fold(u, null);
  for (const u of pending) fold(u, null);
  pending = null;
  return screen;
}
