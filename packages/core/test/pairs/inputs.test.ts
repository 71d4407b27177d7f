import { readFileSync } from 'node:fs';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { describeFixtureInputs, type FixtureInputs } from '../helpers/fixtureInputs.js';

describeFixtureInputs('pairs', (JSON.parse(readFileSync(fixture('packages/core/test/pairs/fixtures/pairs.json'), 'utf8')) as { cases: FixtureInputs[] }).cases);
