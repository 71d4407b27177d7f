// The test cluster itself (scripts/clickhouse.mjs): every shard answers, the
// cluster definition reaches each of them, a Distributed table spreads rows
// over the shards, and stopping leaves no server behind.
import { describe, expect, it } from 'vitest';
import { startClickHouse, PORT_RANGE } from '../../../../scripts/clickhouse.mjs';
import { sql, useClickHouse } from './clickhouse.ts';

const ch = useClickHouse();

describe('the ClickHouse the suite runs against', () => {
  it('answers on every shard the location names, on 127.0.0.1', async () => {
    const { shards } = ch();
    for (const s of shards) {
      expect(s.startsWith('127.0.0.1:')).toBe(true);
      expect((await sql(s, 'SELECT 1')).trim()).toBe('1');
    }
    expect(new Set(shards).size).toBe(shards.length);
  });

  it('routes a Distributed table over every shard of the named cluster (one server: no cluster)', async () => {
    const { shards, cluster } = ch();
    const first = shards[0]!;
    if (cluster === null) {
      expect(shards).toHaveLength(1);
      return;
    }
    const listed = (await sql(first, `SELECT count() FROM system.clusters WHERE cluster = '${cluster}'`)).trim();
    expect(Number(listed)).toBe(shards.length);
    const db = `harness_${process.pid}`;
    try {
      for (const s of shards) {
        await sql(s, `CREATE DATABASE IF NOT EXISTS ${db}`);
        await sql(s, `CREATE TABLE ${db}.t_local (symbol String, v Float64) ENGINE = MergeTree ORDER BY symbol`);
      }
      await sql(first, `CREATE TABLE ${db}.t AS ${db}.t_local ENGINE = Distributed(${cluster}, ${db}, t_local, cityHash64(symbol))`);
      const symbols = Array.from({ length: 30 }, (_, i) => `S${i}`);
      await sql(first, `INSERT INTO ${db}.t VALUES ${symbols.map((s, i) => `('${s}', ${i})`).join(',')}`, { insert_distributed_sync: '1' });
      const perShard = await Promise.all(shards.map(async (s) => Number((await sql(s, `SELECT count() FROM ${db}.t_local`)).trim())));
      expect(perShard.reduce((a, b) => a + b, 0)).toBe(30);
      expect(perShard.every((n) => n > 0)).toBe(true);
      expect(Number((await sql(first, `SELECT sum(v) FROM ${db}.t`)).trim())).toBe((29 * 30) / 2);
    } finally {
      for (const s of shards) await sql(s, `DROP DATABASE IF EXISTS ${db}`);
    }
  });
});

describe('scripts/clickhouse.mjs', () => {
  it('fails, naming the binary, when clickhouse-server is missing', async () => {
    await expect(startClickHouse({ shards: 1, quiet: true, server: '/nonexistent/clickhouse-server' })).rejects.toThrow(/\/nonexistent\/clickhouse-server not found/);
  });

  it('starts one server in its port range and stops exactly it', async () => {
    const one = await startClickHouse({ shards: 1, quiet: true });
    const port = one.nodes[0]!.http;
    expect(port).toBeGreaterThanOrEqual(PORT_RANGE[0]);
    expect(port).toBeLessThanOrEqual(PORT_RANGE[1]);
    expect(one.url).toBe(`clickhouse://127.0.0.1:${port}/soukan`);
    expect((await sql(`127.0.0.1:${port}`, 'SELECT 1')).trim()).toBe('1');
    await one.stop();
    expect(one.started.every((p) => p.exited)).toBe(true);
    await expect(sql(`127.0.0.1:${port}`, 'SELECT 1')).rejects.toThrow();
  });
});
