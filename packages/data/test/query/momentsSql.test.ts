// The sufficient-statistics SQL on DuckDB: per UTC day, the moments of the
// inner-joined EUR/USD, GBP/USD 2017 M1 log returns equal NumPy's two-pass
// result, and each series' own equal core's; windows merge to the whole year.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCoMoments } from '@soukan/core';
import { coMomentsOfRows } from '../../src/query/coMomentsOfRows.js';
import { momentsSql } from '../../src/query/momentsSql.js';
import { Db } from '../../src/store/duck.js';
import { tempDir } from '../store/helpers.js';
import { closes, closesCsv, expectDailyMoments, expectMomentsClose } from './momentsData.js';

const at = tempDir('soukan-moments-');
let db: Db;

beforeAll(async () => {
  const csv = at('closes.csv');
  writeFileSync(csv, closesCsv(await closes()));
  db = await Db.open(':memory:');
  await db.run(`CREATE TABLE closes AS SELECT * FROM read_csv('${csv}', header = false, columns = {'i': 'DOUBLE', 'time': 'DOUBLE', 'close': 'DOUBLE'})`);
});
afterAll(() => db?.close());

describe('momentsSql (DuckDB)', () => {
  it('per UTC day equals NumPy (the pair) and core (each series alone)', async () => {
    const { columns } = await db.columns(momentsSql('closes', { windowMs: 86_400_000, dialect: 'duckdb' }));
    await expectDailyMoments(coMomentsOfRows(columns));
  });

  it('one window over the year equals the days merged by Chan et al.', async () => {
    const days = coMomentsOfRows((await db.columns(momentsSql('closes', { windowMs: 86_400_000, dialect: 'duckdb' }))).columns).filter((r) => r.a === 0 && r.b === 1);
    const year = coMomentsOfRows((await db.columns(momentsSql('closes', { windowMs: null, dialect: 'duckdb' }))).columns).filter((r) => r.a === 0 && r.b === 1);
    expect(year).toHaveLength(1);
    expectMomentsClose(
      days.map((d) => d.moments).reduce((a, b) => mergeCoMoments(a, b)),
      year[0]!.moments,
      'year',
    );
  });

  it('refuses a window that is not a positive whole number of ms', () => {
    expect(() => momentsSql('closes', { windowMs: 0, dialect: 'duckdb' })).toThrow('momentsSql: window 0 ms is not a positive integer');
    expect(() => momentsSql('closes', { windowMs: 1.5, dialect: 'clickhouse' })).toThrow('momentsSql: window 1.5 ms is not a positive integer');
  });
});
