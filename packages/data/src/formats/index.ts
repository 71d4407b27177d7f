export { FORMAT_NAMES, FORMAT_SOURCE, type Dataset, type FormatName, type ReadOptions } from './types.js';
export { readDataset, detectFormat } from './readDataset.js';
export { readEcb, readH10, readFredWide, readHistData, readMt4, readMt5, readCsvLong, readCsvWide } from './readers.js';
export { FRED_COUNTRY_CURRENCY } from './fredWide.js';
export { HISTDATA_TZ } from './histData.js';
export { readRiskFreeFile, parseRiskFreeRates, type RateUnit, type RiskFreeSeries } from './riskFreeRates.js';
