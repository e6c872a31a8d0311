import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Command, Reply } from './protocol.js';

export interface LoadGen {
  call<T>(command: Command): Promise<T>;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a load generator in its own process (node + tsx), so clients do not share our event loop. */
export function startLoadGen(): LoadGen {
  const child: ChildProcess = fork(join(import.meta.dirname, 'loadgen.ts'), [], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  let next = 0;
  const waiting = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void }>();
  child.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.ok) w.done(reply.result);
    else w.fail(new Error(`load generator: ${reply.error}`));
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.fail(new Error(`load generator exited (${code})`));
    waiting.clear();
  });
  return {
    pid: child.pid ?? -1,
    call: <T>(command: Command) =>
      new Promise<T>((done, fail) => {
        const id = ++next;
        waiting.set(id, { done: done as (v: unknown) => void, fail });
        child.send({ id, command });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.disconnect();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
