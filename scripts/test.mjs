// `npm test`: the whole suite, from a fresh clone. Installs what it needs
// (npm packages, Debian reference tools), then build, type-check, lint,
// checks that committed fixtures are what their generators produce, and
// runs every test.
import { join } from 'node:path';
import { build, ensureNodeModules, root, run, sharedDataDir } from './lib.mjs';
import { runWithClickHouse } from './clickhouse.mjs';
import { ensureSystemDeps } from './system-deps.mjs';

const step = (name) => console.error(`\n== ${name}`);

process.env.SOUKAN_SHARED_DATA = sharedDataDir();
step('dependencies');
ensureNodeModules();
ensureSystemDeps();

step('build + type-check');
build();
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']);

step('lint');
run(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings', '0', '.']);

step('fixtures reproduce from their generators');
run(process.execPath, [join(root, 'scripts', 'fixtures.mjs'), '--check']);

// The ClickHouse suite (packages/data/test/clickhouse) runs with the rest
// against a 3-shard cluster on 127.0.0.1, then once more against one server;
// scripts/clickhouse.mjs stops the servers it started whatever the outcome.
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const only = process.argv.slice(2);
step('tests (ClickHouse: a 3-shard cluster)');
const status = runWithClickHouse(process.execPath, [vitest, 'run', ...only], { cwd: root });
if (status !== 0) process.exit(status);
if (only.length === 0) {
  step('ClickHouse suite again on one server');
  const single = runWithClickHouse(process.execPath, [vitest, 'run', 'packages/data/test/clickhouse'], { cwd: root, single: true });
  if (single !== 0) process.exit(single);
}
