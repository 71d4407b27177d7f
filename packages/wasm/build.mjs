// Compiles the AssemblyScript kernels (assembly/*.ts) to build/kernels.wasm
// with the `assemblyscript` compiler from the npm registry (a pinned
// devDependency; nothing is downloaded). Skips the work when the output is
// newer than every source. Run by `npm run build`, `npm test` and
// `npm run bench`; tests that need the binary call buildWasm() themselves.
//
//   node packages/wasm/build.mjs [--force]
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const WASM_PATH = join(here, 'build', 'kernels.wasm');

function stale() {
  if (!existsSync(WASM_PATH)) return true;
  const out = statSync(WASM_PATH).mtimeMs;
  const inputs = [join(here, 'build.mjs'), ...readdirSync(join(here, 'assembly')).map((f) => join(here, 'assembly', f))];
  return inputs.some((f) => statSync(f).mtimeMs > out);
}

/** Builds build/kernels.wasm if missing or older than its sources; returns its path. */
export async function buildWasm({ force = false } = {}) {
  if (!force && !stale()) return WASM_PATH;
  mkdirSync(dirname(WASM_PATH), { recursive: true });
  const asc = await import('assemblyscript/asc');
  const { error, stderr } = await asc.main([
    join(here, 'assembly', 'kernels.ts'),
    '--outFile', WASM_PATH,
    '-O3', '--noAssert',
    '--runtime', 'stub',
    '--enable', 'simd',
  ]);
  if (error) throw new Error(`assemblyscript: ${error.message}\n${stderr.toString()}`);
  return WASM_PATH;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = Date.now();
  await buildWasm({ force: process.argv.includes('--force') });
  console.error(`wasm: ${WASM_PATH} (${Date.now() - t0} ms)`);
}
