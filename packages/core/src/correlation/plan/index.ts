export { coMissing } from './coMissing.js';
export {
  WHY_CONSTANT,
  WHY_FEW,
  WHY_NONE,
  type CorrelationKernels,
  type CorrelationPhase,
  type CorrelationPlan,
  type PlanAllocator,
  type PlanMode,
} from './correlationPlanTypes.js';
export { cellsTask } from './planCells.js';
export { planCorrelation } from './planCorrelation.js';
export { COLUMN_CHUNK, MASKED_GUARD, roundEven, tiles } from './planLayout.js';
export { RADIX_FROM, scratchFor, type Scratch } from './planScratch.js';
export { CORRELATION_PHASES, correlationGramTasks, correlationPlanCost, correlationTaskCount, runCorrelationPlan, runCorrelationTask } from './planTasks.js';
export { completeColumnScale, prepColumn } from './prepColumn.js';
export { TS_KERNELS } from './tsKernels.js';
