export * from './market.js';
export * from './closest.js';
