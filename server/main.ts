import { loadConfig } from './config.js';
import { jsonLogger } from './log.js';
import { startServer } from './start.js';

// The entry point only starts the server and stops it cleanly on a signal.
const log = jsonLogger();
const server = await startServer(loadConfig(), log);
console.log(`Nexus Live is running: http://localhost:${server.port}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('server.stopping', { signal });
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('server.stop_failed', { message: String(error) });
        process.exit(1);
      },
    );
  });
}
