export * from './errorCodes.js';
export * from './text.js';
export * from './limits.js';
export * from './spec/index.js';
export * from './common.js';
export * from './correlation.js';
export * from './correlationSeries.js';
export * from './correlationPair.js';
