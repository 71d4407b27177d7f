export * from './types.js';
export { pearson, pearsonTest } from './pearson.js';
export { spearman, spearmanTest } from './spearman.js';
export { kendallTauB, kendallTauBTest } from './kendallTauB.js';
export { pearsonPValue } from './pearsonPValue.js';
export { correlationConfidenceInterval, fisherStandardError, type Interval } from './correlationConfidenceInterval.js';
