export * from './types.js';
export { pearson, pearsonTest } from './pearson.js';
export { spearman, spearmanTest } from './spearman.js';
export { kendallTauB, kendallTauBTest } from './kendallTauB.js';
export { pearsonPValue } from './pearsonPValue.js';
export { correlationConfidenceInterval, fisherStandardError, type Interval } from './correlationConfidenceInterval.js';
export { correlationMatrix, finishCorrelation, type CorrelationMatrix } from './correlationMatrix.js';
export { DEFAULT_MIN_PERIODS, defaultMinPeriods, type CorrelationMatrixOptions, type MissingPolicy } from './correlationMatrixOptions.js';
// Tile-level entry points of the matrix, for the parallel runner in @soukan/data.
export { GRAM_TILE } from './gramUpper.js';
export {
  completeColumnScale,
  CORRELATION_PHASES,
  correlationGramTasks,
  correlationPlanCost,
  correlationTaskCount,
  planCorrelation,
  runCorrelationPlan,
  runCorrelationTask,
  TS_KERNELS,
  type CorrelationKernels,
  type CorrelationPhase,
  type CorrelationPlan,
  type PlanAllocator,
  type PlanMode,
} from './plan/index.js';
export { rollingCorrelation } from './rollingCorrelation.js';
export { ewmCorrelation, RISKMETRICS_LAMBDA } from './ewmCorrelation.js';
export { ewmCorrelationZeroMean } from './ewmCorrelationZeroMean.js';
export { pairIndex, type AllPairsChunk, type AllPairsOutputOptions, type AllPairsResult } from './allPairsOutput.js';
export { ROLLING_EXACT, rollingCorrelationAllPairs, type RollingAllPairsOptions, type RollingKernel } from './rollingCorrelationAllPairs.js';
export { ewmCorrelationAllPairs } from './ewmCorrelationAllPairs.js';
export { averageLinkage } from './averageLinkage.js';
export { CORRELATION_BANDS, correlationBand, type CorrelationBand } from './correlationBands.js';
export { clusterOrder } from './clusterOrder.js';
export { correlationReport, correlationReportInput, correlationReportOf, type CorrelationReport, type CorrelationReportOptions } from './correlationReport.js';
