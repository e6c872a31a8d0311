import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Command } from './protocol.js';

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
type Request<C> = { id: number; command: C };

/** A bench process of its own (a load generator, a cluster node), driven by commands over IPC. */
export interface Child<C> {
  call<T>(command: C): Promise<T>;
  pid: number;
  /** Sends a signal (SIGKILL for a crash) and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Lets it exit by closing the channel (SIGKILL after 3 s). */
  stop(): Promise<void>;
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  execArgv?: string[];
  /** What it writes to stdout and stderr; defaults to this process's. 2 sends stdout to our stderr. */
  stdio?: Array<'ignore' | 'inherit' | number>;
}

/** Forks `modulePath` (node + tsx, one process: SIGKILL reaches it) and talks to its `serve`. */
export function startChild<C>(modulePath: string, options: ChildOptions = {}): Child<C> {
  const child: ChildProcess = fork(modulePath, [], {
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    ...(options.env ? { env: options.env } : {}),
    stdio: [...(options.stdio ?? ['ignore', 'inherit', 'inherit']), 'ipc'],
    serialization: 'advanced',
  });
  let next = 0;
  const waiting = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void }>();
  const name = modulePath.split('/').pop();
  child.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.ok) w.done(reply.result);
    else w.fail(new Error(`${name}: ${reply.error}`));
  });
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      for (const w of waiting.values()) w.fail(new Error(`${name} exited (${signal ?? code})`));
      waiting.clear();
      done();
    }),
  );
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid ?? -1,
    call: <T>(command: C) =>
      new Promise<T>((done, fail) => {
        if (gone() || !child.connected) return fail(new Error(`${name} is not running`));
        const id = ++next;
        waiting.set(id, { done: done as (v: unknown) => void, fail });
        child.send({ id, command } satisfies Request<C>);
      }),
    kill: async (signal) => {
      if (!gone()) child.kill(signal);
      await exited;
    },
    stop: async () => {
      if (gone()) return;
      if (child.connected) child.disconnect();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The child's side: answers each command with `handle`'s result (or its error's message) and
 * calls `onDisconnect` (default: exit) when the parent lets go.
 */
export function serve<C>(handle: (command: C) => Promise<unknown>, onDisconnect: () => void = () => process.exit(0)): void {
  process.on('message', (message: Request<C>) => {
    handle(message.command).then(
      (result) => process.send?.({ id: message.id, ok: true, result } satisfies Reply),
      (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
    );
  });
  process.on('disconnect', onDisconnect);
}

export type LoadGen = Child<Command>;

/** Starts a load generator in its own process, so clients do not share our event loop. */
export function startLoadGen(): LoadGen {
  return startChild<Command>(join(import.meta.dirname, 'loadgen.ts'), { execArgv: ['--max-old-space-size=4096'] });
}
