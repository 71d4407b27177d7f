export * from './hayashiYoshida.js';
export * from './eppsCurve.js';
export * from './thinObservations.js';
