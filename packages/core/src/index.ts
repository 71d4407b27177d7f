/**
 * @soukan/core — pure FX and statistics maths over Float64Array. No I/O, no
 * Node APIs, no dependencies: runs in Node, browsers and workers.
 */
export * from './fx/index.js';
export * from './time/index.js';
export * from './series/index.js';
export * from './stats/index.js';
export * from './volatility/index.js';
export * from './risk/index.js';
export * from './exposure/index.js';
export * from './random/index.js';
export * from './optimize/index.js';
export * from './correlation/index.js';
export * from './linalg/index.js';
export * from './strength/index.js';
export * from './pairs/index.js';
export * from './performance/index.js';
export * from './shrinkage/index.js';
export * from './partial/index.js';
export * from './stability/index.js';
export * from './leadlag/index.js';
export * from './asynchronous/index.js';
export * from './diversification/index.js';
export * from './incremental/index.js';
export * from './dcc/index.js';
export * from './moments/index.js';
