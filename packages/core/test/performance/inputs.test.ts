import { readFileSync } from 'node:fs';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { describeFixtureInputs, type FixtureInputs } from '../helpers/fixtureInputs.js';

interface PerformanceCase {
  name: string;
  asset: string;
  benchmark: string;
  dates: string[];
  assetPrice: number[];
  benchmarkPrice: number[];
}

describeFixtureInputs(
  'performance',
  (JSON.parse(readFileSync(fixture('packages/core/test/performance/fixtures/performance.json'), 'utf8')) as { cases: PerformanceCase[] }).cases
    // the weekly case is resampled by pandas (W-FRI last); its prices are the H.10 daily closes
    .filter((c) => !c.name.endsWith('weekly'))
    .map((c): FixtureInputs => ({ name: c.name, y: c.asset, x: c.benchmark, source: c.name.startsWith('ecb') ? 'ECB' : 'H.10', dates: c.dates, yPrice: c.assetPrice, xPrice: c.benchmarkPrice })),
);
