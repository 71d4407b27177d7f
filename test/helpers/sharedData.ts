import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folder of the real market data the tests read (never copied into the repo). */
export const sharedDataDir = process.env.SOUKAN_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');

/**
 * Absolute path of a file in the shared data folder. A missing file fails the
 * test that asks for it: the reference tests are not optional.
 */
export function sharedData(rel: string): string {
  const p = join(sharedDataDir, rel);
  if (!existsSync(p)) {
    throw new Error(`shared data file missing: ${p} (set SOUKAN_SHARED_DATA to the folder holding the real data)`);
  }
  return p;
}

/** Path of a committed fixture, relative to the repo root. */
export function fixture(rel: string): string {
  return join(repoRoot, rel);
}
