// Market providers: where a server's market data lives (files read into
// memory, or a store) behind one interface, so the server only maps errors
// to HTTP.
export * from './types.js';
export * from './memoryProvider.js';
export * from './storeProvider.js';
export * from './withDefaultSource.js';
export * from './mergeSeries.js';
export * from './ecbFile.js';
export * from './renamed.js';
export * from './mutex.js';
export * from './resolveInside.js';
