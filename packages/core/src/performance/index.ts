export * from './periodReturns.js';
export * from './annualizationFactor.js';
export * from './riskFree.js';
export * from './drawdowns.js';
export * from './sampleMoments.js';
export * from './historicalVar.js';
export * from './calendarReturns.js';
export * from './performanceReport.js';
