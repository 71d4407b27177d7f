export * from './rollingStability.js';
export * from './fisherZChange.js';
export * from './jennrichTest.js';
export * from './correlationBreaks.js';
