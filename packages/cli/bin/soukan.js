#!/usr/bin/env node
import { existsSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { UNBUNDLED_COMMANDS } from './unbundled.js';

// `soukan corr --verbose` reports module loading from here (start-up).
performance.mark('soukan:start', { detail: process.cpuUsage() });

/**
 * The per-command bundle (`npm run build`, scripts/bundleCli.mjs), unless
 * the command needs the unbundled modules or the bundle is older than a
 * compile of a package it inlines (then it would run yesterday's code).
 */
function entry() {
  const bundle = new URL('../dist/bundle/main.js', import.meta.url);
  const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (UNBUNDLED_COMMANDS.includes(command) || !existsSync(bundle)) return '../dist/main.js';
  const made = statSync(bundle).mtimeMs;
  for (const pkg of ['cli', 'core', 'requests', 'data']) {
    const info = new URL(`../../${pkg}/dist/.tsbuildinfo`, import.meta.url);
    if (existsSync(info) && statSync(info).mtimeMs > made) return '../dist/main.js';
  }
  return bundle.href;
}
await import(entry());
