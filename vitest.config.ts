import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string): string => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@soukan/core': src('core'),
      '@soukan/data': src('data'),
      '@soukan/native': src('native'),
      '@soukan/requests': src('requests'),
      '@soukan/server': src('server'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/helpers/fastCheck.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
