export * from './hayashiYoshida.js';
export * from './eppsCurve.js';
