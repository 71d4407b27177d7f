export * from './types.js';
export * from './ledoitWolf.js';
export * from './oas.js';
export * from './ledoitWolfConstantCorrelation.js';
export * from './correlationShrink.js';
export * from './shrunkCorrelation.js';
