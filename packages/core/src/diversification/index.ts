export * from './diversificationRatio.js';
export * from './averagePairwiseCorrelation.js';
