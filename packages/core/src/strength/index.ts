export * from './strengthDesign.js';
export * from './strengthFactors.js';
export * from './strengthIndex.js';
export * from './currencyStrength.js';
export * from './averageChangeIndex.js';
export * from './sessionOpen.js';
export * from './crossInconsistency.js';
