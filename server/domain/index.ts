/** The pure domain core: no I/O, no clock, no randomness. Shells pass time in. */
export * from './reference.js';
export * from './state.js';
export * from './reducer.js';
export * from './decisions.js';
export * from './views.js';
export * from './cases.js';
export * from './case-reducer.js';
export * from './case-commands.js';
export * from './pace.js';
export * from './high-harm.js';
export * from './tallies.js';
export * from './queues.js';
export * from './alerts.js';
export * from './reports.js';
export * from './meeting.js';
export * from './recommend.js';
export * from './forecast.js';
