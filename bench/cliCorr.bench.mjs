// Benchmark (issue 2's second target, checked here): the command
//
//   soukan corr --universe majors --window all --data eurofxref-hist.zip
//
// — 28 majors from the full ECB history (1999–, ~7,000 days), Pearson with
// n, p-values and intervals, printed as the table — in under 1 s of wall
// time including Node's start-up, as a user runs it: a fresh process each
// time. Best and median of N runs after one unmeasured run (file cache).
// For context, the same computation as a pandas script (interpreter start
// and `import pandas` included).
//
//   node bench/cliCorr.bench.mjs [--runs 9]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDir, numArg, PYTHON, printRows, report, root, row } from './lib/common.mjs';

const RUNS = numArg('runs', 9);
const shared = process.env.SOUKAN_SHARED_DATA ?? join(benchDir, '..', '..', 'shared', 'data');
const zip = join(shared, 'eurofxref-hist.zip');
if (!existsSync(zip)) {
  console.error(`cliCorr: ${zip} not found (set SOUKAN_SHARED_DATA)`);
  process.exit(1);
}

function wall(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, out: r.stdout };
}
function series(cmd, args) {
  wall(cmd, args); // warm the file cache
  const ms = [];
  let out = '';
  for (let i = 0; i < RUNS; i++) {
    const r = wall(cmd, args);
    ms.push(r.ms);
    out = r.out;
  }
  ms.sort((a, b) => a - b);
  return { best: ms[0], median: ms[Math.floor((RUNS - 1) / 2)], out };
}

const cli = join(root, 'packages', 'cli', 'bin', 'soukan.js');
const soukan = series(process.execPath, [cli, 'corr', '--universe', 'majors', '--window', 'all', '--data', zip]);
const pandas = series(PYTHON, [join(benchDir, 'peers', 'ecb_majors_corr.py'), zip]);
const ver = spawnSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' }).stdout.trim();
const lines = soukan.out.split('\n').filter((l) => /^[A-Z]{3}\/[A-Z]{3}\s/.test(l)).length;
const rows = [
  row(`soukan corr --universe majors --window all (ECB zip, 28 pairs): best of ${RUNS}`, soukan.best, `python3 + pandas ${ver} script`, pandas.best, {
    target: '< 1000 ms',
    met: soukan.best < 1000,
    note: `median ${soukan.median.toFixed(0)} ms (pandas median ${pandas.median.toFixed(0)} ms); ${lines} table rows; node ${process.version} start-up included`,
  }),
  row(`soukan corr --universe majors --window all: median of ${RUNS}`, soukan.median, `python3 + pandas ${ver} script`, pandas.median, {
    target: '< 1000 ms',
    met: soukan.median < 1000,
  }),
];
printRows(`CLI wall time, fresh process per run`, rows);
report('soukan corr on the full ECB history (issue 2 target)', rows);
