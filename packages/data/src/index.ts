/** @soukan/data — readers, alignment, downloads: everything that touches the outside world. */
export * from './errors.js';
export * from './formats/index.js';
export * from './market/index.js';
export * from './fetch/index.js';
export * from './analytics/index.js';
export * from './compute/index.js';
export * from './store/index.js';
export * from './import/index.js';
export * from './ticks/index.js';
export * from './feeds/index.js';
export * from './alerts/index.js';
export * from './query/index.js';
export * from './providers/index.js';
