export { FORMAT_NAMES, FORMAT_SOURCE } from './registry.js';
export type { Dataset, FormatName, ReadOptions } from './types.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE_LENGTH, showBytes, type ReadLimits } from './limits.js';
export { parse, detectFormat, type ParsedFile, type FileProgress, type ParseHooks } from './parse.js';
export { readDataset } from './readDataset.js';
export { readEcb, readH10, readFredWide, readHistData, readMt4, readMt5, readCsvLong, readCsvWide } from './readers.js';
export { FRED_COUNTRY_CURRENCY } from './fredWide.js';
export { HISTDATA_TZ } from './histData.js';
export { readRiskFreeFile, parseRiskFreeRates, type RateUnit, type RiskFreeSeries } from './riskFreeRates.js';
