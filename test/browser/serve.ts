import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/sharedData.js';

/** A `soukan serve` child process on a free 127.0.0.1 port. */
export interface Served {
  readonly url: string;
  readonly proc: ChildProcess;
  stderr(): string;
  close(): Promise<void>;
}

/**
 * Starts the built CLI's `serve` (npm test builds first) and waits for the
 * line that prints its address.
 */
export function serve(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<Served> {
  const proc = spawn(process.execPath, [join(repoRoot, 'packages', 'cli', 'bin', 'soukan.js'), 'serve', '--port', '0', ...args], {
    env: { ...process.env, NO_COLOR: '1', SOUKAN_ECB_FALLBACK: undefined, SOUKAN_TOKEN: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`soukan serve did not start in ${timeoutMs} ms:\n${err}`));
    }, timeoutMs);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`soukan serve exited with ${code}:\n${err}`));
    });
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /dashboard at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.removeAllListeners('exit');
      resolve({
        url: m[1]!,
        proc,
        stderr: () => err,
        close: () =>
          new Promise<void>((done) => {
            if (proc.exitCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
            setTimeout(() => proc.kill('SIGKILL'), 5_000).unref();
          }),
      });
    });
  });
}

/** Runs `soukan serve` expecting it to fail; resolves with its exit code and stderr. */
export function serveFails(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [join(repoRoot, 'packages', 'cli', 'bin', 'soukan.js'), 'serve', '--port', '0', ...args], {
      env: { ...process.env, NO_COLOR: '1', SOUKAN_TOKEN: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stderr: err });
    });
  });
}
