// Upload folders left in the temporary directory by servers that crashed
// are removed when a server starts — only ours, and only stale ones.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/serve.js';
import { ecbProvider } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'soukan-sweep-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The PID of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('a starting server sweeps stale upload folders', () => {
  it('removes those of dead servers and day-old nameless ones; keeps live, fresh and foreign folders', async () => {
    const dir = (name: string): string => {
      const p = join(root, name);
      mkdirSync(p);
      return p;
    };
    const dead = dir(`soukan-upload-${deadPid()}-abc123`);
    const live = dir(`soukan-upload-${process.pid}-def456`);
    const legacyOld = dir('soukan-upload-Xy12Zq');
    const legacyNew = dir('soukan-upload-Qw34Er');
    const other = dir('someone-else-upload-1');
    const day = new Date(Date.now() - 2 * 24 * 3600_000);
    for (const p of [legacyOld, other]) utimesSync(p, day, day);
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = root;
    const logs: string[] = [];
    const s = await startServer({ data: await ecbProvider(), port: 0, workers: 0, warm: false, log: (m) => logs.push(m) });
    try {
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(legacyOld)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(legacyNew)).toBe(true);
      expect(existsSync(other)).toBe(true);
      expect(logs.filter((l) => /removed .*soukan-upload-/.test(l))).toHaveLength(2);
    } finally {
      await s.close();
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
  });
});
