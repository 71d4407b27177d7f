export * from './crossCorrelation.js';
export * from './grangerCausality.js';
