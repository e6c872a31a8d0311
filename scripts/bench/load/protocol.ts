/** Messages between the bench (parent) and a load generator (child process), over IPC. */
export type ClientKind = 'sio' | 'light' | 'ws';

export type Command =
  /**
   * Opens `n` clients; socket.io kinds say hello with `lastSeq` and resolve once in sync. `full`
   * of them (default all) decode every message as a dashboard does (socket.io-client, or
   * JSON.parse for raw ws); the rest read only the frame's first seq, so one core can hold them.
   * `cookie` (`nexus_session=<token>`) goes in every socket.io handshake: the server refuses
   * sockets without a session. Raw ws clients need none.
   */
  | { cmd: 'connect'; kind: ClientKind; url: string; n: number; full?: number; lastSeq?: number | null; record?: boolean; cookie?: string }
  /** Forgets what was received so far (the end of a warm-up). */
  | { cmd: 'reset' }
  /** Resolves when the clients together have received `frames` delta messages, or at the timeout. */
  | { cmd: 'waitFor'; frames: number; timeoutMs: number }
  /** Latencies of recorded deliveries, given when each was emitted (by first seq). */
  | { cmd: 'latency'; emits: Array<[number, number]> }
  | { cmd: 'counters' }
  | { cmd: 'closeAll' }
  /** Resume clients (measure 8). */
  | { cmd: 'resumeConnect'; url: string; n: number; cookie: string }
  | { cmd: 'resumeRun'; durationMs: number; periodMs: number; downMs: number }
  | { cmd: 'resumeReport'; nonPositionSeqs: number[]; finalSeq: number; timeoutMs: number }
  | { cmd: 'restartMark' }
  | { cmd: 'restartReport'; upAt: number; timeoutMs: number; finalSeq: number };

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
  drops: number;
  replayMs: number[];
}

export interface RestartReport {
  clients: number;
  /** ms from the server listening again to each client's hello reply (resynced); null = never. */
  resyncMs: Array<number | null>;
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
export type Request = { id: number; command: Command };
