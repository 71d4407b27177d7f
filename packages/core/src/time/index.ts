export * from './date.js';
export * from './zone.js';
export * from './fxDay.js';
