// Equality: for the ECB history and the eight 2017 HistData zips, every
// analytics command prints the same JSON over ClickHouse (the suite's 3-shard
// cluster, then one server) as over DuckDB — counts and dates exact,
// statistics within 1e-12 relative (sameJson.ts); and the correlation
// matrices ClickHouse computes from its sufficient statistics equal those
// from its bars (query/momentsVsBars.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.js';
import { StoreQuery } from '../../src/query/storeQuery.js';
import { Store } from '../../src/store/store.js';
import { bothPaths, expectSameMatrix, MOMENTS_CASES } from '../query/momentsVsBars.js';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { histData, PAIRS, tempDir } from '../store/helpers.js';
import { sql, useClickHouse } from './clickhouse.ts';
import { COMMANDS } from './commands.ts';
import { firstDifference } from './sameJson.ts';

const ch = useClickHouse();
const at = tempDir('soukan-equality-');
const database = `equality_${process.pid}`;
let duck = '';
let house = '';

/** The suite's location with this file's own database (files run side by side on one cluster). */
function ownDatabase(url: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

beforeAll(async () => {
  duck = at('store.duckdb');
  house = ownDatabase(ch().url);
  for (const store of [duck, house]) {
    for (const files of [[sharedData('eurofxref-hist.zip')], PAIRS.map(histData)]) {
      const r = await runCli(['import', ...files, '--store', store, '--format', 'json']);
      expect(r.code, `import into ${store}: ${r.stderr}`).toBe(0);
    }
  }
}, 900_000);

afterAll(async () => {
  for (const s of ch().shards) await sql(s, `DROP DATABASE IF EXISTS ${database}`);
}, 120_000);

describe('every analytics command: the same JSON over ClickHouse as over DuckDB', () => {
  for (const c of COMMANDS) {
    it(c.name, async () => {
      const [a, b] = await Promise.all([duck, house].map((store) => runCli([...c.args, '--store', store, '--format', 'json'])));
      expect(a!.code, a!.stderr).toBe(0);
      expect(b!.code, b!.stderr).toBe(0);
      expect(firstDifference(JSON.parse(a!.stdout), JSON.parse(b!.stdout), [duck, house])).toBeNull();
    });
  }
});

describe('correlation matrix through ClickHouse’s moments equals the one through its bars', () => {
  for (const c of MOMENTS_CASES) {
    it(c.name, async () => {
      const store = await Store.open(house, { readOnly: true });
      try {
        const { viaMoments, viaBars } = await bothPaths(StoreQuery.over(store), c.params);
        expectSameMatrix(viaMoments, viaBars, c.name, c.perPairCounts);
      } finally {
        await store.close();
      }
    }, 300_000);
  }
});
