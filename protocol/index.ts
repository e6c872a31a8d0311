/** The one wire protocol: imported by server, client and tests; no Node imports here. */
export * from './constants.js';
export * from './ids.js';
export * from './vocabulary.js';
export * from './events.js';
export * from './ingest.js';
export * from './views.js';
export * from './socket.js';
export * from './time.js';
export * from './geo.js';
export * from './high-harm.js';
export * from './queue-order.js';
export * from './auth.js';
export * from './meeting.js';
export * from './columns.js';
export * from './snapshot-wire.js';
export * from './ops.js';
