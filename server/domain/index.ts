/** The pure domain core: no I/O, no clock, no randomness. Shells pass time in. */
export * from './reference.js';
export * from './state.js';
export * from './reducer.js';
export * from './decisions.js';
export * from './views.js';
