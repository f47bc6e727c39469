// The lead lifecycle as a pure transition model (see transition.ts); run by workflows/lead.ts.
export * from './effects.js';
export * from './events.js';
export * from './refusals.js';
export * from './state.js';
export * from './timers.js';
export { transition, type Step, type TransitionContext } from './transition.js';
