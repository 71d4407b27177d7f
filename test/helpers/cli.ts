import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './sharedData.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `soukan` binary (npm test builds before the tests run), in `cwd` when given. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'packages', 'cli', 'bin', 'soukan.js'), ...args], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, SOUKAN_ECB_FALLBACK: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
