// `--live replay` with its defaults (what `npm start -- --live replay`
// runs): the eight 2017 HistData pairs are imported into an empty store from
// the real-data folder, the two weeks before the default start are replayed
// at once, and the AUD/USD ~ NZD/USD breakdown-band alert fires on the bar
// and with the values pandas finds (fixtures/replayBreakdown.gen.py), early
// enough that at the default speed it comes within the first minute of
// watching.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPLAY_FROM, DEFAULT_REPLAY_SPEED, type LiveAlert } from '@soukan/requests';
import { openLive } from '../src/live/openLive.js';
import { fixture, sharedDataDir } from '../../../test/helpers/sharedData.js';

const ref = JSON.parse(readFileSync(fixture('packages/server/test/fixtures/replayBreakdown.json'), 'utf8')) as {
  from: string;
  firstExit: { time: string; rho: number; mean: number; sd: number };
  exitDuringWarmup: boolean;
};
const dir = mkdtempSync(join(tmpdir(), 'soukan-live-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the default replay', () => {
  it('fires the AUD/USD ~ NZD/USD breakdown where pandas finds it, within the first minute at the default speed', async () => {
    expect(new Date(DEFAULT_REPLAY_FROM).toISOString()).toBe(ref.from);
    expect(ref.exitDuringWarmup).toBe(false);
    const logs: string[] = [];
    // Ten times the default speed keeps the test short; the timing claim is checked on feed time below.
    const live = await openLive({ live: 'replay', speed: DEFAULT_REPLAY_SPEED * 10, tickStore: join(dir, 'live.duckdb') }, { storePath: join(dir, 'store.duckdb'), sharedDir: sharedDataDir, log: (m) => logs.push(m) });
    const alerts: LiveAlert[] = [];
    const band = new Promise<LiveAlert>((resolve) =>
      live.pipeline.on((e) => {
        if (e.type !== 'alert') return;
        alerts.push(e.data);
        if (e.data.kind === 'breakdown-band') resolve(e.data);
      }),
    );
    live.start();
    const a = await band;
    const ticks = live.pipeline.status().ticks;
    await live.close();
    expect(logs[0]).toMatch(/imported the 2017 HistData minutes of 8 pair\(s\)/);
    expect(a).toMatchObject({ ruleId: 'aud-nzd-band', subject: 'AUD/USD ~ NZD/USD', time: ref.firstExit.time });
    expect(Math.abs((a.evidence.rho as number) - ref.firstExit.rho)).toBeLessThan(1e-10);
    expect(Math.abs((a.evidence.mean as number) - ref.firstExit.mean)).toBeLessThan(1e-10);
    expect(Math.abs((a.evidence.sd as number) - ref.firstExit.sd)).toBeLessThan(1e-10);
    // At the default speed the alert comes (feed time since the start) / speed after the paced replay starts.
    const wallSeconds = (Date.parse(a.time) - DEFAULT_REPLAY_FROM) / DEFAULT_REPLAY_SPEED / 1000;
    expect(wallSeconds).toBeGreaterThan(0);
    expect(wallSeconds).toBeLessThan(60);
    expect(alerts.filter((x) => x.kind === 'breakdown-band')).toHaveLength(1);
    expect(ticks).toBeGreaterThan(100_000);
  }, 180_000);
});
