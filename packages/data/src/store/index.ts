export { Store, type StoreOpenOptions } from './store.js';
export { StoreMarket } from './storeMarket.js';
export { loadStoreMarket, type LoadStoreMarketOptions } from './loadStoreMarket.js';
export { storePath } from './storePath.js';
export { checkStoreLocation } from './checkStoreLocation.js';
export { attributionOf, H10_ATTRIBUTION } from './attribution.js';
export { SCHEMA_VERSION } from './schema.js';
export type { StoredSeries, StoreBars, StoreBarsOptions, StoreMarketOptions, StoreFingerprint } from './types.js';
export * from '../import/index.js';
