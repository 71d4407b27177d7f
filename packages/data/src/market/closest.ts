/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and
 * transpositions of adjacent letters each cost 1, so the typo `EURUDS` is one
 * step from `EURUSD`.
 *
 * @example editDistance('EURUDS', 'EURUSD') // 1
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** Up to `k` candidates closest to `text` by edit distance (ties keep input order). */
export function closest(text: string, candidates: readonly string[], k = 3): string[] {
  const t = text.toUpperCase().replace(/[^A-Z]/g, '');
  return candidates
    .map((c, i) => ({ c, i, d: editDistance(t, c.replace(/[^A-Z]/g, '')) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, k)
    .map((x) => x.c);
}
