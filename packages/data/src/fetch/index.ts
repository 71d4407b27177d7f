export * from './paths.js';
export * from './download.js';
export * from './ecb.js';
