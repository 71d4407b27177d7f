// A shard that stops mid-query: the command fails with one line naming the
// shard's host and port, exit 2, no stack trace; an import against the
// damaged cluster writes nothing visible, and the other shards keep exactly
// what they held. This file starts its own cluster (it kills one of it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClickHouse, type ClickHouseCluster } from '../../../../scripts/clickhouse.mjs';
import { runCli } from '../../../../test/helpers/cli.js';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { histData } from '../store/helpers.js';
import { sql } from './clickhouse.ts';

let cluster: ClickHouseCluster;

/** Rows and committed imports each live shard holds (what must not change). */
async function contents(ports: readonly number[]): Promise<string[]> {
  return Promise.all(
    ports.map(async (p) => {
      const rows = await sql(`127.0.0.1:${p}`, `SELECT count(), sum(cityHash64(symbol, t, close_bits)) FROM soukan.rows_local`);
      return `${p}: ${rows.trim()}`;
    }),
  );
}

beforeAll(async () => {
  cluster = await startClickHouse({ shards: 3, quiet: true });
  const r = await runCli(['import', sharedData('eurofxref-hist.zip'), '--store', cluster.url, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('a shard stopped mid-query', () => {
  it('fails with one line naming the shard, exit 2; nothing changes on the others', async () => {
    const [main, , victim] = cluster.started;
    const live = [main!.node.http, cluster.started[1]!.node.http];
    const before = await contents(live);
    const running = runCli(['corr', '--universe', 'majors', '--window', 'all', '--source', 'ECB', '--store', cluster.url, '--format', 'json']);
    await new Promise((r) => setTimeout(r, 300));
    victim!.child.kill('SIGKILL');
    const r = await running;
    // Commands that read the store name their source on a line of its own
    // (`source: …`); the failure itself must be one line.
    const errorLines = (stderr: string) => stderr.trim().split('\n').filter((l) => !l.startsWith('source: '));
    const lines = errorLines(r.stderr);
    if (r.code === 0) {
      // The query finished before the kill landed: the next one must fail the same way.
      const again = await runCli(['corr', '--universe', 'majors', '--source', 'ECB', '--store', cluster.url, '--format', 'json']);
      expect(again.code).toBe(2);
      lines.splice(0, lines.length, ...errorLines(again.stderr));
    } else expect(r.code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`127\\.0\\.0\\.1:(${victim!.node.http}|${victim!.node.tcp})`));
    expect(lines[0]).not.toMatch(/\n\s+at /);

    const imp = await runCli(['import', histData('USDJPY'), '--store', cluster.url, '--format', 'json']);
    expect(imp.code).toBe(2);
    expect(imp.stderr.trim().split('\n')).toHaveLength(1);
    expect(await contents(live)).toEqual(before);
  });
});
