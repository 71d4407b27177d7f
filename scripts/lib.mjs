// Shared by the two quick-start commands (npm start, npm test): make a fresh
// clone runnable with nothing but Node, npm and Debian's package registry.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Run a command in the repository root, inheriting stdio; exit on failure. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) {
    console.error(`soukan: cannot run ${cmd}: ${r.error.message}`);
    process.exit(1);
  }
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Install npm dependencies when node_modules is missing or older than the lockfile. */
export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('soukan: installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/**
 * Compile the WebAssembly kernels (AssemblyScript, skipped when up to date),
 * the optional native add-on (OpenBLAS; when it cannot be built this prints
 * one line and goes on: the WebAssembly kernels are used), the TypeScript
 * packages (incremental; fast when nothing changed), then the dashboard.
 */
export function build({ progress = false } = {}) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const steps = [
    ['WebAssembly kernels', () => run(process.execPath, [join(root, 'packages', 'wasm', 'build.mjs')])],
    ['native add-on (optional)', () => run(process.execPath, [join(root, 'packages', 'native', 'build.mjs')])],
    ['TypeScript packages', () => run(process.execPath, [tsc, '-b', 'packages/cli'])],
    ['bundles', () => (bundleCore(), bundleRequests(), bundleCli())],
    ['dashboard', () => buildWeb(tsc)],
  ];
  const t0 = Date.now();
  steps.forEach(([what, step], i) => {
    // A first build takes ~30 s; say what is happening instead of going quiet.
    if (progress) console.error(`soukan: build ${i + 1}/${steps.length}: ${what}…`);
    step();
  });
  if (progress) console.error(`soukan: build done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Bundles @soukan/core's compiled modules into one file (dist/bundle.js, what
 * the package exports at run time; types stay per module). The core is ~130
 * small modules: loading them one by one costs ~45 ms at every CLI start and
 * in every worker thread, one file ~15 ms. Skipped when up to date.
 */
export function bundleCore() {
  const dist = join(root, 'packages', 'core', 'dist');
  const out = join(dist, 'bundle.js');
  if (existsSync(out) && newestExcept(dist, out) <= statSync(out).mtimeMs) return;
  run(process.execPath, [join(root, 'node_modules', 'rolldown', 'bin', 'cli.mjs'), join(dist, 'index.js'), '--platform', 'neutral', '--format', 'esm', '--file', out, '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Bundles @soukan/requests with zod (dist/bundle.js, what the package exports
 * at run time): zod is ~60 modules, and loading them one by one at every CLI
 * start and in every worker thread costs several times what one file does.
 * @soukan/core stays external (it has its own bundle). Skipped when up to date.
 */
export function bundleRequests() {
  const dist = join(root, 'packages', 'requests', 'dist');
  const out = join(dist, 'bundle.js');
  if (existsSync(out) && newestExcept(dist, out) <= statSync(out).mtimeMs) return;
  run(process.execPath, [join(root, 'node_modules', 'rolldown', 'bin', 'cli.mjs'), join(dist, 'index.js'), '--platform', 'neutral', '--format', 'esm', '--external', '@soukan/core', '--file', out, '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Bundles the CLI per command (scripts/bundleCli.mjs) when any of the
 * packages it inlines changed since the last bundle.
 */
export function bundleCli() {
  const pkg = (name) => join(root, 'packages', name, 'dist');
  const out = join(pkg('cli'), 'bundle');
  const stamp = join(out, 'main.js');
  const inputs = ['cli', 'core', 'requests', 'data'].map(pkg);
  // bin/soukan.js runs the bundle only while it is newer than each inlined
  // package's last compile (.tsbuildinfo): the same test here.
  const compiled = inputs.map((d) => join(d, '.tsbuildinfo')).filter((f) => existsSync(f));
  const newest = Math.max(...inputs.map((d) => newestExcept(d, out)), ...compiled.map((f) => statSync(f).mtimeMs));
  if (existsSync(stamp) && newest <= statSync(stamp).mtimeMs) return;
  run(process.execPath, [join(root, 'scripts', 'bundleCli.mjs')]);
}

/** Latest modification time of the .js files in a folder tree, ignoring one file. */
function newestExcept(dir, skip) {
  let t = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (p === skip) continue;
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newestExcept(p, skip));
    else if (f.endsWith('.js')) t = Math.max(t, s.mtimeMs);
  }
  return t;
}

/**
 * Type-checks and bundles the dashboard (packages/web → packages/web/dist,
 * which `soukan serve` serves). Skipped when dist is newer than every source
 * file, so a second `npm start` does not wait for Vite.
 */
export function buildWeb(tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')) {
  const web = join(root, 'packages', 'web');
  const stamp = join(web, 'dist', 'index.html');
  if (existsSync(stamp) && newest([join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(web, 'public'), join(web, 'package.json')]) < statSync(stamp).mtimeMs) return;
  run(process.execPath, [tsc, '-p', join(web, 'tsconfig.json')]);
  run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: web });
}

/** Latest modification time of files under the given paths. */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((f) => join(p, f))));
    else t = Math.max(t, s.mtimeMs);
  }
  return t;
}

/**
 * The real-data folder the tests read (never copied into the repository):
 * $SOUKAN_SHARED_DATA, else `../shared/data` beside this checkout, else beside
 * the repository this one was cloned from (a CI clone in a temp folder).
 */
export function sharedDataDir() {
  if (process.env.SOUKAN_SHARED_DATA) return process.env.SOUKAN_SHARED_DATA;
  const beside = join(root, '..', 'shared', 'data');
  if (existsSync(beside)) return beside;
  const r = spawnSync('git', ['config', '--get', 'remote.origin.url'], { cwd: root, encoding: 'utf8' });
  const origin = r.status === 0 ? r.stdout.trim().replace(/^file:\/\//, '') : '';
  if (origin.startsWith('/')) {
    const besideOrigin = join(origin, '..', 'shared', 'data');
    if (existsSync(besideOrigin)) return besideOrigin;
  }
  return beside;
}
