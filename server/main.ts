import { loadConfig } from './config.js';
import { createLogger, messageOf } from './log.js';
import { startServer } from './start.js';

// The entry point only starts the server and stops it cleanly on a signal. stdout carries only
// the JSON log; what a person at the terminal should read goes to stderr.
const config = loadConfig();
const log = createLogger({ level: config.logLevel });
const server = await startServer(config, log);
process.stderr.write(`Nexus Live is running: http://localhost:${server.port}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Not ready first, so load balancers move traffic away while the rest shuts down.
    server.app.readiness.stopping();
    log.info('server.stopping', { signal });
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('server.stop_failed', { message: messageOf(error) });
        process.exit(1);
      },
    );
  });
}
