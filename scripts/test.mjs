// `npm test`: the whole suite, from a fresh clone. Installs what it needs
// (npm packages, Debian reference tools), then build, type-check, lint,
// checks that committed fixtures are what their generators produce, and
// runs every test.
import { join } from 'node:path';
import { build, ensureNodeModules, root, run, sharedDataDir } from './lib.mjs';
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

step('tests');
run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)]);
