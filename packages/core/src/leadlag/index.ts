export * from './crossCorrelation.js';
