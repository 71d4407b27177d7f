// Sufficient statistics of returns per window, and their merge across shards
// and windows (Chan, Golub & LeVeque).
export { coMomentsOf, type CoMoments } from './coMoments.js';
export { mergeCoMoments } from './mergeCoMoments.js';
export { correlationOfCoMoments } from './correlationOfCoMoments.js';
export { covarianceOfCoMoments } from './covarianceOfCoMoments.js';
export { pearsonMatrixOfMoments, type PairMoments } from './pearsonMatrixOfMoments.js';
