export * from './instrument.js';
export * from './assetClass.js';
export * from './pipSize.js';
export * from './convention.js';
export * from './universes.js';
export { findRoute, currenciesOf, type Leg, type Route } from './route.js';
