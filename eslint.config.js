// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // packages/wasm/assembly is AssemblyScript (checked by its compiler, asc), not TypeScript.
  { ignores: ['**/dist/**', '**/node_modules/**', 'test-artifacts/**', 'coverage/**', 'docs/api/**', 'packages/wasm/assembly/**', 'packages/wasm/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // core is browser-safe: no Node built-ins, no I/O.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'zlib', 'stream'], message: 'core must not use Node APIs' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
  {
    // A promise nobody awaits rejects into nothing but process death: in the server and the
    // data layer every promise is awaited, returned, or handed to something that handles it.
    files: ['packages/server/src/**/*.ts', 'packages/data/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    // One error path for every stream: streams are created in formats/input.ts and run by one
    // awaited pipeline() there (downloads: fetch/download.ts), so no stream can emit an 'error'
    // that nobody listens to. Elsewhere, read through pumpLines / openInput.
    files: ['packages/data/src/**/*.ts', 'packages/server/src/**/*.ts', 'packages/cli/src/**/*.ts'],
    ignores: ['packages/data/src/formats/input.ts', 'packages/data/src/fetch/download.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:fs', importNames: ['createReadStream', 'createWriteStream'], message: 'streams are created in formats/input.ts and run by its pipeline (one error path)' },
            { name: 'node:zlib', importNames: ['createGunzip', 'createInflateRaw', 'createInflate', 'createUnzip', 'createGzip', 'createDeflate', 'createDeflateRaw', 'createBrotliDecompress'], message: 'streams are created in formats/input.ts and run by its pipeline (one error path)' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='pipe']", message: '.pipe() forwards no errors: use pipeline() from node:stream/promises' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
