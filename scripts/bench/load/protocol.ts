/** Messages between the bench (parent) and a load generator (child process), over IPC. */
export type ClientKind = 'sio' | 'light' | 'ws';

export type Command =
  /**
   * Opens `n` clients; socket.io kinds say hello with `lastSeq` and resolve once in sync. `full`
   * of them (default all) decode every message as a dashboard does (socket.io-client, or
   * JSON.parse for raw ws); the rest read only the frame's first seq, so one core can hold them.
   * Client i's handshake carries `cookies[i % cookies.length]` (`nexus_session=<token>`): the
   * server refuses sockets without a session, and more than a few per session (one session per
   * client, as one browser per screen). Raw ws clients need none.
   */
  | { cmd: 'connect'; kind: ClientKind; url: string; n: number; full?: number; lastSeq?: number | null; record?: boolean; cookies?: readonly string[] }
  /** Forgets what was received so far (the end of a warm-up). */
  | { cmd: 'reset' }
  /** Resolves when the clients together have received `frames` delta messages, or at the timeout. */
  | { cmd: 'waitFor'; frames: number; timeoutMs: number }
  /** Latencies of recorded deliveries, given when each was emitted (by first seq). */
  | { cmd: 'latency'; emits: Array<[number, number]> }
  | { cmd: 'counters' }
  | { cmd: 'closeAll' }
  /** Resume clients (measure 8): client i starts on `urls[i % urls.length]` and, dropped, comes back on the next one. */
  | { cmd: 'resumeConnect'; urls: readonly string[]; n: number; cookies: readonly string[] }
  | { cmd: 'resumeRun'; durationMs: number; periodMs: number; downMs: number }
  | { cmd: 'resumeReport'; nonPositionSeqs: number[]; finalSeq: number; timeoutMs: number }
  | { cmd: 'restartMark' }
  | { cmd: 'restartReport'; upAt: number; timeoutMs: number; finalSeq: number }
  /** Failover clients (measure 9): light clients that track every seq; client i starts on `urls[i % urls.length]`. */
  | { cmd: 'failoverConnect'; urls: readonly string[]; n: number; cookies: readonly string[]; lastSeq: number }
  /** Resolves when every failover client holds `finalSeq` (or at the timeout), with what each saw. */
  | { cmd: 'failoverReport'; finalSeq: number; timeoutMs: number };

export interface Counters {
  frames: number;
  bytes: number;
  clients: number;
  /** CPU the load generator used since the last reset, µs: near 1e6 per second means it is saturated. */
  cpuUs: number;
  /** Wall time since the last reset, ms. */
  ms: number;
}

export interface LatencyReport {
  samples: number;
  unmatched: number;
  latencies: number[];
  /** The same, for the clients that decode every message. */
  fullLatencies: number[];
}

export interface ResumeReport {
  expected: number;
  delivered: number;
  clientsMissing: number;
  snapshotsInsteadOfReplay: number;
  /** Clients down at the end because the server refused a handshake (ResumeClient.refusal). */
  refused: number;
  drops: number;
  replayMs: number[];
}

export interface RestartReport {
  clients: number;
  /** ms from the server listening again to each client's hello reply (resynced); null = never. */
  resyncMs: Array<number | null>;
}

/** What one failover client saw; times on the system-wide monotonic clock (time.ts). */
export interface FailoverSeen {
  startNode: number;
  /** When its node went away (its socket closed), and when a hello on another node was answered with no gap. */
  lostAt: number | null;
  resyncedAt: number | null;
  lastSeq: number;
  /** Live frames or hello replies that skipped a seq (the client then says hello again). */
  gaps: number;
  /** Deltas it already held that arrived again. */
  doubles: number;
  /** Hellos answered with a snapshot instead of the missed deltas. */
  snapshots: number;
  /** Handshakes the server refused (e.g. 'unavailable'); this client tries again, the dashboard does not. */
  refused: number;
}
