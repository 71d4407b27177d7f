export * from './symmetricPseudoInverse.js';
export * from './partialCorrelation.js';
export * from './conditionalCorrelation.js';
