// TEMPORARY until branch `corr` lands correlation/pearson: two-pass Pearson r and beta.
export function pearsonTemp(x: Float64Array, y: Float64Array): { r: number; beta: number } {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i]! - mx;
    const b = y[i]! - my;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  return { r: sxy / Math.sqrt(sxx * syy), beta: sxy / syy };
}
