export * from './dccNegLogLik.js';
export * from './dccFit.js';
export * from './dccForecast.js';
