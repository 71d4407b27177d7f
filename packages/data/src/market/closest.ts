/** Levenshtein distance (insert, delete, substitute; each cost 1). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
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
