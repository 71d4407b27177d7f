// `soukan import` of tick data through the real binary (built before the
// tests): a Dukascopy folder lands in the tick tables, a re-import replaces
// the hours it covers, a bad .bi5 is one line naming the file, exit code 2.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TickStore } from '../../src/ticks/tickStore.js';
import { runCli } from '../../../../test/helpers/cli.js';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { tempDir } from '../store/helpers.js';

const at = tempDir('soukan-ticks-cli-');

describe('soukan import (ticks)', () => {
  it('imports a Dukascopy folder as one series, idempotently', async () => {
    const store = at('s.duckdb');
    const day = sharedData('dukascopy_ticks/EURUSD/2019/01/04');
    const a = await runCli(['import', day, '--store', store]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^EUR\/USD \(Dukascopy\): 136,741 ticks stored, 2019-02-04T00:00Z → 2019-02-04T23:59Z\n136,741 ticks read/);
    const b = await runCli(['import', day, '--store', store, '--format', 'json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ added: 136741, replaced: 136741, batches: 24 });
    const t = await TickStore.open(store, { readOnly: true });
    try {
      expect((await t.list()).map((s) => [s.symbol, s.source, s.rows])).toEqual([['EUR/USD', 'Dukascopy', 136741]]);
    } finally {
      await t.close();
    }
  });

  it('a corrupt hour file: one line naming it, exit 2, nothing stored', async () => {
    const dir = at('bad');
    mkdirSync(join(dir, 'EURUSD/2019/01/04'), { recursive: true });
    writeFileSync(join(dir, 'EURUSD/2019/01/04/03h_ticks.bi5'), 'junk');
    const store = at('bad.duckdb');
    const r = await runCli(['import', dir, '--store', store]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^soukan: .*03h_ticks\.bi5: not LZMA data/);
    expect(r.stderr.trim().split('\n').length).toBe(1);
    const t = await TickStore.open(store, { readOnly: true });
    try {
      expect(await t.list()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
