/** One currency's net exposure valued in the account currency. */
export interface AccountExposureRow {
  readonly currency: string;
  /** Net amount in the currency itself. */
  readonly amount: number;
  /** Account currency per 1 unit of the currency (1 for the account currency). */
  readonly rate: number;
  /** amount × rate. */
  readonly value: number;
}

/** Exposures valued in an account currency. */
export interface AccountExposure {
  readonly account: string;
  readonly rows: readonly AccountExposureRow[];
  /** Σ |value|. */
  readonly gross: number;
  /** Σ value: zero for positions marked at the rates used (a pure FX book has no net value), up to rounding. */
  readonly net: number;
}

/**
 * Values each currency's net amount in the account currency at `rate(C, A)`
 * (units of A per 1 C). Rows are sorted by |value|, largest first.
 *
 * O(currencies · log currencies).
 *
 * Degenerate input: a NaN rate gives a NaN value for that row (and NaN totals).
 *
 * @example accountExposure(new Map([['EUR', 1e5], ['USD', -1.1e5]]), 'USD', (c, a) => (c === 'EUR' ? 1.1 : 1)).gross // 220000
 */
export function accountExposure(net: ReadonlyMap<string, number>, account: string, rate: (currency: string, account: string) => number): AccountExposure {
  const rows: AccountExposureRow[] = [];
  for (const [currency, amount] of net) {
    const r = currency === account ? 1 : rate(currency, account);
    rows.push({ currency, amount, rate: r, value: amount * r });
  }
  rows.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.currency < b.currency ? -1 : 1));
  let gross = 0;
  let total = 0;
  for (const r of rows) {
    gross += Math.abs(r.value);
    total += r.value;
  }
  return { account, rows, gross, net: total };
}
