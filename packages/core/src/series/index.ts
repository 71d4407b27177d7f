export * from './types.js';
export * from './align.js';
export * from './returns.js';
export * from './window.js';
export * from './resample.js';
export * from './cross.js';
