// Builds the optional native add-on (addon/ → addon/build/Release/
// soukan_native.node) with node-gyp against Debian's OpenBLAS. Run by the
// project's build step (`npm run build`, `npm start`, `npm test`), never by
// `npm ci`: a machine without a compiler, Node's headers or OpenBLAS still
// installs and runs, on the WebAssembly / TypeScript kernels. This script
// never fails: when the add-on cannot be built it prints one line saying why
// and which kernels are used instead (node-gyp's log is kept in
// addon/build.log). Skips the work when the add-on is newer than its sources.
//
//   node packages/native/build.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const addonDir = join(here, 'addon');
export const ADDON_PATH = join(addonDir, 'build', 'Release', 'soukan_native.node');
const LOG = join(addonDir, 'build.log');
const FALLBACK = 'dense correlation uses the WebAssembly SIMD kernels (TypeScript where WebAssembly is unavailable)';

function stale() {
  if (!existsSync(ADDON_PATH)) return true;
  const out = statSync(ADDON_PATH).mtimeMs;
  return [join(here, 'build.mjs'), join(addonDir, 'binding.gyp'), join(addonDir, 'kernels.cc')].some((f) => statSync(f).mtimeMs > out);
}

const works = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/**
 * Node's own C headers (node_api.h): npm's `nodedir` setting, else the
 * prefix Node runs from. Without them node-gyp would try to download them,
 * which an offline machine cannot do, so their absence is a reason not to
 * build.
 */
function nodeDir() {
  const candidates = [process.env.npm_config_nodedir, dirname(dirname(process.execPath)), '/usr'];
  return candidates.find((d) => d && existsSync(join(d, 'include', 'node', 'node_api.h')));
}

/** Why the add-on cannot be built here, or undefined when everything it needs is present. */
function missing(nodedir) {
  if (!nodedir) return "Node's C headers (include/node/node_api.h) not found";
  if (!works('c++', ['--version'])) return 'no C++ compiler (apt-get install g++)';
  if (!works('make', ['--version'])) return 'no make (apt-get install make)';
  if (!works('python3', ['--version'])) return 'no python3 (node-gyp needs it)';
  if (!works('pkg-config', ['--exists', 'openblas'])) return 'OpenBLAS not found (apt-get install libopenblas-dev pkgconf)';
  return undefined;
}

/**
 * Builds the add-on when it is missing or older than its sources. Returns
 * its path, or null (after printing one line) when it cannot be built.
 */
export function buildNative({ force = false, log = (m) => console.error(m) } = {}) {
  if (!force && !stale()) return ADDON_PATH;
  const nodedir = nodeDir();
  const why = missing(nodedir);
  if (why) {
    log(`soukan: native add-on not built: ${why}; ${FALLBACK}`);
    return null;
  }
  let gyp;
  try {
    gyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    log(`soukan: native add-on not built: node-gyp is not installed (npm ci); ${FALLBACK}`);
    return null;
  }
  const r = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${nodedir}`, '--loglevel=warn'], { cwd: addonDir, encoding: 'utf8', maxBuffer: 1 << 26 });
  mkdirSync(addonDir, { recursive: true });
  writeFileSync(LOG, `${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0 || !existsSync(ADDON_PATH)) {
    const first = `${r.stderr ?? ''}`.split('\n').find((l) => /error/i.test(l))?.trim() ?? r.error?.message ?? `node-gyp exited with ${r.status}`;
    log(`soukan: native add-on not built: ${first.slice(0, 160)} (log: ${LOG}); ${FALLBACK}`);
    return null;
  }
  return ADDON_PATH;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = Date.now();
  const path = buildNative({ force: process.argv.includes('--force') });
  if (path) console.error(`native: ${path} (${Date.now() - t0} ms)`);
}
