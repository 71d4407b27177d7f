import { gramUpperTile } from '../gramUpper.js';
import { listSums } from '../listSums.js';
import type { CorrelationKernels } from './correlationPlanTypes.js';

/**
 * The TypeScript kernels.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export const TS_KERNELS: CorrelationKernels = { gramTile: gramUpperTile, listSums };
