// The sufficient-statistics SQL on ClickHouse (18.16 dialect), on the suite's
// cluster (or single server): the closes of EUR/USD and GBP/USD 2017 M1 sit on
// different shards of a Distributed table, and per UTC day the moments of
// their inner-joined log returns equal NumPy's two-pass result (each series'
// own: core's), as on DuckDB.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { coMomentsOfRows } from '../../src/query/coMomentsOfRows.js';
import { momentsSql } from '../../src/query/momentsSql.js';
import { closes, expectDailyMoments } from '../query/momentsData.js';
import { sql, useClickHouse } from './clickhouse.ts';

const ch = useClickHouse();
const db = `moments_${process.pid}`;

/** Float64 bits as decimal UInt64 text: 18.16 parses float text inexactly, bits travel exactly. */
function bits(x: Float64Array): BigUint64Array {
  return new BigUint64Array(x.buffer, x.byteOffset, x.length);
}

beforeAll(async () => {
  const { shards, cluster } = ch();
  const main = shards[0]!;
  const columns = '(i Float64, time Int64, close_bits UInt64)';
  for (const s of cluster ? shards : [main]) {
    await sql(s, `CREATE DATABASE IF NOT EXISTS ${db}`);
    await sql(s, `CREATE TABLE ${db}.${cluster ? 'closes_local' : 'closes'} ${columns} ENGINE = MergeTree ORDER BY (i, time)`);
  }
  if (cluster) await sql(main, `CREATE TABLE ${db}.closes ${columns} ENGINE = Distributed(${cluster}, ${db}, closes_local, toUInt64(i))`);
  const series = await closes();
  const rows: string[] = [];
  series.forEach((s, i) => {
    const b = bits(Float64Array.from(s.close));
    s.time.forEach((t, r) => rows.push(`${i}\t${t}\t${b[r]}`));
  });
  await sql(main, `INSERT INTO ${db}.closes FORMAT TabSeparated\n${rows.join('\n')}\n`, { insert_distributed_sync: '1' });
});

afterAll(async () => {
  const { shards } = ch();
  for (const s of shards) await sql(s, `DROP DATABASE IF EXISTS ${db}`);
});

describe('momentsSql (ClickHouse)', () => {
  it('per UTC day equals NumPy (the pair, across shards) and core (each series alone)', async () => {
    const { shards } = ch();
    const relation = `(SELECT i, toFloat64(time) AS time, reinterpretAsFloat64(reinterpretAsString(close_bits)) AS close FROM ${db}.closes)`;
    const text = await sql(shards[0]!, `${momentsSql(relation, { windowMs: 86_400_000, dialect: 'clickhouse' })} FORMAT TabSeparated`);
    const lines = text.trim().split('\n');
    const columns = Array.from({ length: 9 }, (_, j) => Float64Array.from(lines, (l) => Number(l.split('\t')[j])));
    await expectDailyMoments(coMomentsOfRows(columns));
  });
});
