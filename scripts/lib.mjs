// Shared by the two quick-start commands (npm start, npm test): make a fresh
// clone runnable with nothing but Node, npm and Debian's package registry.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (ci.status === 0) return;
  // npm ci refuses a lock file that lacks optional platform packages a
  // registry mirror does not carry (e.g. @duckdb/node-bindings for other
  // OSes); npm install resolves the same versions and skips those.
  console.error('soukan: npm ci failed; trying npm install (same lock file)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

/**
 * Compile the WebAssembly kernels (AssemblyScript, skipped when up to date)
 * and the TypeScript packages (incremental; fast when nothing changed).
 */
export function build() {
  run(process.execPath, [join(root, 'packages', 'wasm', 'build.mjs')]);
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/cli']);
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
