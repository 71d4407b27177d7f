export * from './householderQr.js';
export * from './lstsq.js';
export * from './ols.js';
export * from './nestedSsr.js';
export * from './symmetricEigen.js';
export * from './cholesky.js';
