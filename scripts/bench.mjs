// `npm run bench`: every benchmark in bench/*.bench.mjs against its NumPy /
// pandas / SciPy peer, from a fresh clone. Installs what it needs (npm
// packages, Debian's python3-numpy/scipy/pandas), builds (WebAssembly
// kernels + TypeScript), runs each bench in its own process, collects the
// BENCH_RESULT line(s) each prints (see bench/README.md), and writes
// bench/results/latest.md and latest.json with the machine description.
// The README's "Performance" table (between <!-- perf-table --> markers)
// is replaced by the new one unless --no-readme is given.
//
//   npm run bench                      all benchmarks
//   npm run bench -- corrMatrix        only files whose name contains "corrMatrix"
//   npm run bench -- --no-readme       leave README.md alone
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { build, ensureNodeModules, root, sharedDataDir } from './lib.mjs';
import { ensureSystemDeps, requirements } from './system-deps.mjs';

const args = process.argv.slice(2);
const noReadme = args.includes('--no-readme');
const filters = args.filter((a) => !a.startsWith('--'));
const step = (name) => console.error(`\n== ${name}`);

process.env.SOUKAN_SHARED_DATA = sharedDataDir();
step('dependencies');
ensureNodeModules();
// The peers only need Debian's Python stack (not R).
ensureSystemDeps(requirements.filter((r) => r.packages.includes('python3-pandas')));
step('build');
build();

const benchDir = join(root, 'bench');
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => filters.length === 0 || filters.some((q) => f.includes(q)))
  .sort();
if (files.length === 0) {
  console.error(`bench: no bench/*.bench.mjs matches ${filters.join(', ')}`);
  process.exit(1);
}

function machine() {
  const py = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import json, numpy, scipy, pandas; print(json.dumps({"numpy": numpy.__version__, "scipy": scipy.__version__, "pandas": pandas.__version__}))'],
    { encoding: 'utf8' },
  );
  let peers = {};
  try {
    peers = JSON.parse(py.stdout.trim());
  } catch {
    peers = { error: py.stderr?.trim() || 'python peers unavailable' };
  }
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const m = /model name\s*:\s*(.+)/.exec(info);
    if (m) cpuModel = m[1].trim();
  } catch {
    // not Linux: os.cpus() it is
  }
  let blas = null;
  const b = spawnSync('/usr/bin/python3', ['-c', 'import numpy; numpy.show_config()'], { encoding: 'utf8' });
  const lib = /libraries = \[([^\]]*)\]/.exec(b.stdout ?? '');
  if (lib) blas = lib[1].replace(/'/g, '');
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || null;
  return {
    date: new Date().toISOString(),
    commit,
    cpu: cpuModel,
    cores: cpus().length,
    availableParallelism: availableParallelism(),
    ramGiB: +(totalmem() / 2 ** 30).toFixed(1),
    freeGiB: +(freemem() / 2 ** 30).toFixed(1),
    os: `${process.platform} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    ...peers,
    blas,
    loadavg: loadavg().map((x) => +x.toFixed(2)),
  };
}

/** Runs one bench, echoing its output; resolves with its BENCH_RESULT objects and exit code. */
function runBench(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(benchDir, file)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    const results = [];
    const lines = [];
    let rest = '';
    const t0 = Date.now();
    child.stdout.on('data', (d) => {
      rest += d;
      let i;
      while ((i = rest.indexOf('\n')) >= 0) {
        const line = rest.slice(0, i);
        rest = rest.slice(i + 1);
        if (line.startsWith('BENCH_RESULT ')) {
          try {
            results.push(JSON.parse(line.slice('BENCH_RESULT '.length)));
          } catch (e) {
            console.error(`bench: ${file}: unreadable BENCH_RESULT (${e.message})`);
          }
        } else {
          lines.push(line);
          process.stdout.write(`${line}\n`);
        }
      }
    });
    child.on('close', (code) => resolve({ file, code, results, output: lines.join('\n'), seconds: (Date.now() - t0) / 1000 }));
  });
}

const before = machine();
const runs = [];
for (const f of files) {
  step(`bench/${f}`);
  runs.push(await runBench(f));
}
const after = loadavg().map((x) => +x.toFixed(2));

const fmt = (v, d = 1) => (v == null ? '—' : typeof v === 'number' ? v.toFixed(d) : String(v));
const esc = (s) => String(s ?? '').replace(/\|/g, '\\|');
function table(all) {
  const lines = [
    '| benchmark | soukan ms | peer | peer ms | peer ÷ soukan | target | met | peak MB | note |',
    '|---|--:|---|--:|--:|---|:-:|--:|---|',
  ];
  for (const res of all) {
    for (const r of res.rows) {
      const met = r.met == null ? '' : r.met ? 'yes' : '**no**';
      const ratio = r.ratio == null ? '—' : `${r.ratio.toFixed(2)}×`;
      lines.push(`| ${esc(r.name)} | ${fmt(r.soukanMs)} | ${esc(r.peerName ?? '—')} | ${fmt(r.peerMs)} | ${ratio} | ${esc(r.target ?? '')} | ${met} | ${r.peakMB ?? ''} | ${esc(r.note ?? '')} |`);
    }
  }
  return lines.join('\n');
}
const results = runs.flatMap((r) => r.results);
const failed = runs.filter((r) => r.code !== 0);
// Benches that print no BENCH_RESULT line: their own output, verbatim.
const plain = runs.filter((r) => r.code === 0 && r.results.length === 0);
const m = before;
const machineLine = `${m.cpu}, ${m.cores} cores (availableParallelism ${m.availableParallelism}), ${m.ramGiB} GiB RAM, ${m.os}; Node ${m.node} (V8 ${m.v8}); NumPy ${m.numpy} (${m.blas ?? 'BLAS ?'}), SciPy ${m.scipy}, pandas ${m.pandas}; load average ${m.loadavg.join(' / ')} before, ${after.join(' / ')} after; ${m.date}, commit ${m.commit}`;
const md = [
  '# Benchmark results (latest run)',
  '',
  `Machine: ${machineLine}.`,
  '',
  'Times are wall-clock milliseconds (best of N unless the row says otherwise); "peer ÷ soukan" > 1 means soukan is faster. Peers run with /usr/bin/python3 and Debian\'s packages in the same run, on the same data. See bench/README.md for what each row measures and docs/performance.md for the design.',
  '',
  table(results),
  '',
  ...results.flatMap((r) => (r.notes ?? []).map((n) => `- ${r.title}: ${n}`)),
  ...failed.map((r) => `- **bench/${r.file} failed** (exit ${r.code})`),
  '',
  ...plain.flatMap((r) => [
    `## bench/${r.file} (no BENCH_RESULT line; its output)`,
    '',
    '```',
    r.output.trim(),
    '```',
    '',
  ]),
].join('\n');
const outDir = join(benchDir, 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.md'), md);
writeFileSync(join(outDir, 'latest.json'), JSON.stringify({ machine: { ...before, loadavgAfter: after }, runs }, null, 2) + '\n');

if (!noReadme && filters.length === 0) {
  const readme = join(root, 'README.md');
  if (existsSync(readme)) {
    const text = readFileSync(readme, 'utf8');
    const block = `<!-- perf-table -->\n\n${machineLine}.\n\n${table(results)}\n\n<!-- /perf-table -->`;
    const re = /<!-- perf-table -->(?:[\s\S]*?<!-- \/perf-table -->)?/;
    if (re.test(text)) writeFileSync(readme, text.replace(re, block));
  }
}

console.log(`\n${md}`);
console.log(`written: bench/results/latest.md, bench/results/latest.json${!noReadme && filters.length === 0 ? ', README.md (Performance)' : ''}`);
if (failed.length > 0) process.exit(1);
