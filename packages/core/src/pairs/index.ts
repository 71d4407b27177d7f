export * from './mackinnon.js';
export * from './adfTest.js';
export * from './engleGranger.js';
export * from './hedgeRatio.js';
export * from './rollingMeanStd.js';
export * from './rollingZScore.js';
export * from './halfLife.js';
export * from './correlationDivergence.js';
