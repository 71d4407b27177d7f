export * from './types.js';
export * from './nelderMead.js';
export * from './bfgs.js';
