export * from './xoshiro256.js';
export * from './normal.js';
