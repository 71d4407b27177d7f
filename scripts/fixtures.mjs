// Runs the reference generators committed beside the test fixtures.
//
//   node scripts/fixtures.mjs            regenerate every fixture in place
//   node scripts/fixtures.mjs --check    regenerate into a temp dir and compare
//                                        with the committed JSON (CI)
//   node scripts/fixtures.mjs --only rolling   only generators whose path matches
//
// A generator is a file named `*.gen.py` (run with /usr/bin/python3, Debian's
// NumPy/SciPy/pandas/statsmodels) or `*.gen.R` (Rscript) under a `fixtures`
// folder. It is called with one argument, the output directory, and reads the
// real data from $SOUKAN_SHARED_DATA (default ../shared/data beside the repo).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { root, sharedDataDir } from './lib.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
const sharedData = sharedDataDir();

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.gen\.(py|R)$/.test(name) && p.includes(`${'/'}fixtures${'/'}`)) out.push(p);
  }
  return out;
}

const generators = [...walk(join(root, 'test')), ...walk(join(root, 'packages')), ...walk(join(root, 'bench'))]
  .filter((g) => !only || g.includes(only))
  .sort();

function runGenerator(gen, outDir) {
  const isR = gen.endsWith('.R');
  const cmd = isR ? 'Rscript' : '/usr/bin/python3';
  return new Promise((resolveP) => {
    const t0 = Date.now();
    const child = spawn(cmd, [gen, outDir], {
      cwd: dirname(gen),
      env: { ...process.env, SOUKAN_SHARED_DATA: sharedData, PYTHONHASHSEED: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolveP({ gen, code, err, ms: Date.now() - t0 }));
    child.on('error', (e) => resolveP({ gen, code: -1, err: String(e), ms: 0 }));
  });
}

const REL = 1e-12;

/**
 * How closely a generator's output must reproduce: 1e-12 relative, unless
 * the generator states otherwise on a line `fixture-tolerance: X — why`
 * (an optimiser's optimum moves with the BLAS's rounding order by far less
 * than the optimiser's own tolerance, which the tests compare against).
 */
function toleranceOf(gen) {
  const m = /fixture-tolerance:\s*([0-9.]+(?:e-?[0-9]+)?)/i.exec(readFileSync(gen, 'utf8'));
  return m ? Number(m[1]) : REL;
}

function compare(a, b, path, diffs, rel = REL) {
  if (diffs.length > 5) return;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) && Number.isNaN(b)) return;
    if (Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b))) return;
    diffs.push(`${path}: committed ${b}, generated ${a}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return void diffs.push(`${path}: length ${b.length} committed, ${a.length} generated`);
    a.forEach((x, i) => compare(x, b[i], `${path}[${i}]`, diffs, rel));
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) compare(a[k], b[k], `${path}.${k}`, diffs, rel);
  } else if (a !== b) {
    diffs.push(`${path}: committed ${JSON.stringify(b)?.slice(0, 80)}, generated ${JSON.stringify(a)?.slice(0, 80)}`);
  }
}

async function pool(items, n, fn) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

let failed = 0;
await pool(generators, 2, async (gen) => {
  const outDir = check ? mkdtempSync(join(tmpdir(), 'soukan-fx-')) : dirname(gen);
  const r = await runGenerator(gen, outDir);
  const name = relative(root, gen);
  if (r.code !== 0) {
    failed++;
    console.error(`FAIL ${name} (exit ${r.code})\n${r.err}`);
    return;
  }
  if (!check) return void console.error(`wrote ${name} (${r.ms} ms)`);
  const produced = readdirSync(outDir).filter((f) => f.endsWith('.json'));
  if (produced.length === 0) {
    failed++;
    console.error(`FAIL ${name}: wrote no JSON`);
  }
  for (const f of produced) {
    const committedPath = join(dirname(gen), f);
    if (!existsSync(committedPath)) {
      failed++;
      console.error(`FAIL ${name}: ${f} is generated but not committed`);
      continue;
    }
    const diffs = [];
    compare(JSON.parse(readFileSync(join(outDir, f), 'utf8')), JSON.parse(readFileSync(committedPath, 'utf8')), f, diffs, toleranceOf(gen));
    if (diffs.length) {
      failed++;
      console.error(`FAIL ${name}: ${f} differs from its generator:\n  ${diffs.join('\n  ')}`);
    }
  }
  rmSync(outDir, { recursive: true, force: true });
  console.error(`ok   ${name} (${r.ms} ms)`);
});
if (generators.length === 0) console.error('no generators found');
if (failed) process.exit(1);
