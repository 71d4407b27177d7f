export * from './position.js';
export * from './currencyExposure.js';
export * from './accountExposure.js';
export * from './portfolioRisk.js';
export * from './minimumVarianceHedge.js';
