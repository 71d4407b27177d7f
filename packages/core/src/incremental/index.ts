export { CompensatedSums } from './compensatedSums.js';
export { WindowRing } from './windowRing.js';
export { RollingCorrelationState, pairIndices } from './rollingCorrelationState.js';
export { EwmCorrelationState } from './ewmCorrelationState.js';
export { RollingVolatilityState, EwmaVarianceState } from './volatilityState.js';
export { StrengthState } from './strengthState.js';
