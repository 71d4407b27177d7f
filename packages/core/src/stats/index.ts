// Public statistics API. Allocation-free kernels (argsortInto,
// rankAverageInto, incompleteBetaRatio) stay internal to core.
export { mean } from './mean.js';
export { variance, DEFAULT_DDOF, type VarianceOptions } from './variance.js';
export { argsort } from './argsort.js';
export { rankAverage } from './rankAverage.js';
export { normalCdf } from './normalCdf.js';
export { normalQuantile } from './normalQuantile.js';
export { logGamma } from './logGamma.js';
export { logBeta } from './logBeta.js';
export { regularizedIncompleteBeta } from './regularizedIncompleteBeta.js';
export { studentTCdf } from './studentTCdf.js';
export { fSurvival } from './fSurvival.js';
export { fisherZ } from './fisherZ.js';
export { shapeMoments, type ShapeMoments } from './shapeMoments.js';
export { chiSquareSurvival } from './chiSquareSurvival.js';
export { regularizedGammaQ } from './regularizedGammaQ.js';
