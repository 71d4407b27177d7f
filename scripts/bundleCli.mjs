// Bundles the CLI into packages/cli/dist/bundle/: one entry (main.js) and a
// chunk per command (program.ts imports each command lazily), with the
// workspace packages it needs — core, requests (and zod), data — and
// commander inlined and tree-shaken. `soukan corr` then parses the code
// `corr` runs, in a dozen files, instead of ~300 modules of which it uses a
// fraction: module loading was most of a short command's wall time (see
// docs/performance.md, "Start-up"). Packages with native parts or files of
// their own (@soukan/server, @soukan/native, @soukan/wasm, DuckDB,
// ClickHouse, yauzl, …) stay imports, resolved at run time as before.
//
//   node scripts/bundleCli.mjs       (npm run build runs it when needed)
import { join } from 'node:path';
import { build } from 'rolldown';
import { UNBUNDLED_COMMANDS } from '../packages/cli/bin/unbundled.js';
import { root } from './lib.mjs';

const dist = (name) => join(root, 'packages', name, 'dist');
const inlined = /^(@soukan\/(core|requests|data)|commander|zod)(\/|$)/;
const res = await build({
  input: { main: join(dist('cli'), 'main.js') },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !inlined.test(id),
  // The per-module builds, not the packages' one-file bundles, so that what
  // a command does not use is left out.
  resolve: { alias: { '@soukan/core': join(dist('core'), 'index.js'), '@soukan/requests': join(dist('requests'), 'index.js'), '@soukan/data': join(dist('data'), 'index.js') } },
  // Nothing in the inlined code runs on import what other code relies on;
  // external packages keep their imports (they may register things).
  treeshake: { moduleSideEffects: (id, external) => external && !id.startsWith('node:') },
  output: { dir: join(dist('cli'), 'bundle'), format: 'esm', chunkFileNames: '[name]-[hash].js', cleanDir: true },
  logLevel: 'warn',
});
const server = res.output.filter((o) => o.type === 'chunk' && o.imports.includes('@soukan/server') && !UNBUNDLED_COMMANDS.some((c) => o.fileName.startsWith(`${c}-`)));
if (server.length > 0) {
  console.error(`bundleCli: ${server.map((o) => o.fileName).join(', ')} import @soukan/server; list the command in packages/cli/bin/unbundled.js`);
  process.exit(1);
}
