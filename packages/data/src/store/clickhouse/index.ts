export { ClickHouseStore } from './clickhouseStore.js';
export { ChClient, MIN_CLICKHOUSE_VERSION, versionOf, atLeast } from './chClient.js';
export { chBarsSql, chRouteSql, chFloorDiv, localMsSql, TIME_ZONE_OFFSET_SINCE, type ChLeg } from './chBarsSql.js';
export { cleanUncommitted, importIntoClickHouse } from './chImport.js';
export { CH_SCHEMA_VERSION, ensureChSchema } from './chSchema.js';
