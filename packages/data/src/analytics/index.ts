export * from './correlation.js';
export * from './correlationJson.js';
