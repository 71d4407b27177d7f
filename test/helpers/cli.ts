import { join } from 'node:path';
import { runProcess, type ProcessResult } from './runProcess.js';
import { repoRoot } from './sharedData.js';

export type CliResult = ProcessResult;

/** Runs the built `soukan` binary (npm test builds before the tests run), in `cwd` when given. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  return runProcess(process.execPath, [join(repoRoot, 'packages', 'cli', 'bin', 'soukan.js'), ...args], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, SOUKAN_ECB_FALLBACK: undefined, ...env },
    cwd,
  });
}
