import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from './helpers/runProcess.js';
import { repoRoot, sharedData, sharedDataDir } from './helpers/sharedData.js';

/**
 * The README's shell examples run as printed. Every command line of every
 * fenced `sh`/`bash`/`console` block is either run here through bash (globs
 * and braces expand as in the user's shell) with `soukan` on PATH meaning the
 * built CLI (`node packages/cli/bin/soukan.js`, as the README says), or listed
 * in NOT_ONE_SHOT with the reason and a check of its own. A new example that
 * is in neither list fails the test, and so does a list entry the README no
 * longer has.
 *
 * The commands run in a scratch folder holding links to the real data files
 * (the README names them bare, as a user typing in their data folder would),
 * against a fresh store in a scratch SOUKAN_HOME whose download cache already
 * holds the ECB history from the shared data (the address is pointed at a
 * closed port, so nothing is downloaded and no user store is touched).
 */

interface Example {
  readonly line: number;
  /** The command as printed, trailing comment removed. */
  readonly command: string;
}

function readmeExamples(): Example[] {
  const lines = readFileSync(join(repoRoot, 'README.md'), 'utf8').split('\n');
  const out: Example[] = [];
  let inShell = false;
  let inFence = false;
  lines.forEach((text, i) => {
    const fence = /^```(\S*)/.exec(text);
    if (fence) {
      if (inFence) {
        inFence = false;
        inShell = false;
      } else {
        inFence = true;
        inShell = ['sh', 'bash', 'console', 'shell'].includes(fence[1] ?? '');
      }
      return;
    }
    if (!inShell) return;
    const command = text.replace(/^\$\s+/, '').replace(/\s+#.*$/, '').trim();
    if (command === '' || command.startsWith('#')) return;
    out.push({ line: i + 1, command });
  });
  return out;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let scratch = '';
let work = '';
let env: NodeJS.ProcessEnv = {};

function sh(command: string, stdin: 'ignore' | 'pipe' = 'ignore'): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: work, env, stdio: [stdin, 'pipe', 'pipe'] });
    if (stdin === 'pipe') child.stdin?.end();
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Table rows of a matrix or list: lines opening with a BASE/QUOTE pair. */
const pairRows = (out: string): string[] => out.split('\n').filter((l) => /^[A-Z]{3}\/[A-Z]{3}\s/.test(l));
const rowLabels = (out: string): string[] => pairRows(out).map((l) => l.slice(0, 7));

/** One-shot examples and the check of what each prints (stdout; `all` is stdout + stderr). */
const ONE_SHOT: Record<string, (stdout: string, all: string) => void> = {
  'soukan corr': (o) => {
    expect(o).toMatch(/^Pearson correlation ×100 of daily log returns · 250 observations/);
    expect(pairRows(o)).toHaveLength(28);
  },
  'soukan corr EUR/USD USDJPY gbp_usd ZAR/JPY': (o) =>
    expect(rowLabels(o)).toEqual(['EUR/USD', 'USD/JPY', 'GBP/USD', 'ZAR/JPY']),
  'soukan corr --universe jpy-crosses --method kendall --window 500 --end 2024-12-31': (o) => {
    expect(o).toMatch(/Kendall/);
    expect(o).toMatch(/500 observations · \d{4}-\d\d-\d\d → 2024-12-31/);
    expect(rowLabels(o).every((s) => s.endsWith('/JPY'))).toBe(true);
  },
  'soukan corr --on levels --window 200': (o) => expect(o.split('\n')[0]).toMatch(/level/i),
  'soukan corr --order cluster --format json': (o) => {
    const j = JSON.parse(o) as { symbols: string[]; matrix: unknown[] };
    expect(j.symbols).toHaveLength(28);
    expect(j.matrix).toHaveLength(28);
  },
  'soukan corr --top 10': (o) => expect(o.split('\n').filter((l) => /^\s*\d+\s/.test(l)).map((l) => Number(l.trim().split(/\s/)[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  'soukan corr EUR/USD GBP/USD --rolling 60': (o) => {
    expect(o).toMatch(/EUR\/USD/);
    expect(o).toMatch(/mean/);
  },
  'soukan corr EUR/USD GBP/USD --rolling 60 --window 250 --series': (o) =>
    expect(o.split('\n').filter((l) => /^\d{4}-\d\d-\d\d\S*\s+[-+]?\d/.test(l))).toHaveLength(250),
  'soukan corr EUR/USD GBP/USD --ewm 0.94': (o) => {
    expect(o).toMatch(/0\.94/);
    expect(o).toMatch(/GBP\/USD/);
  },
  'soukan corr --data frb_h10_daily.csv EUR/JPY AUD/NZD': (o) => {
    expect(rowLabels(o)).toEqual(['EUR/JPY', 'AUD/NZD']);
    expect(o).toMatch(/H\.10/);
  },
  'soukan corr --data HISTDATA_COM_ASCII_*_M1_2017.zip --timeframe H4': (o) => {
    // The eight files' pairs reach all 28 majors (crosses through USD), on H4 bars of 2017.
    expect(o.split('\n')[0]).toMatch(/H4.*2017-/);
    expect(pairRows(o)).toHaveLength(28);
    expect(o).toMatch(/HistData/);
  },
  'soukan doctor': (o) => expect(o).toMatch(/WebAssembly/),
  'soukan doctor --format json': (o) => expect(typeof JSON.parse(o)).toBe('object'),
  'soukan import HISTDATA_COM_ASCII_*_M1_2017.zip': (_o, all) => {
    for (const s of ['AUD/USD', 'EUR/JPY', 'EUR/USD', 'GBP/USD', 'NZD/USD', 'USD/CAD', 'USD/CHF', 'USD/JPY']) expect(all).toContain(s);
  },
  'soukan import ecb': (_o, all) => expect(all).toMatch(/ECB/),
  'soukan list': (o) => {
    expect(o).toMatch(/^EUR\/USD\s+HistData\s/m);
    expect(o).toMatch(/^EUR\/USD\s+ECB\s/m);
  },
  'soukan bars EUR/USD --timeframe H1 --from 2017-03-10 --to 2017-03-14 --format csv': (o) => {
    const rows = o.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.every((r) => /2017-03-1[0-4]/.test(r))).toBe(true);
  },
  'soukan bars EUR/JPY --timeframe D1 --source HistData': (o) => expect(o).toMatch(/^EUR\/JPY D1 from HistData/),
};

/** Examples that are not one-shot commands: why, and how they are checked instead. */
const NOT_ONE_SHOT: Record<string, { reason: string; check: () => Promise<void> }> = {
  'npm start': {
    reason: 'installs, builds, then serves until Ctrl-C: its serve step is started with the same store, one page and one API call requested, then stopped',
    check: async () => {
      const child = spawn(process.execPath, [join(repoRoot, 'packages/cli/bin/soukan.js'), 'serve', '--port', '0'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        let seen = '';
        const url = await new Promise<string>((resolve, reject) => {
          const look = (d: Buffer): void => {
            seen += String(d);
            const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(seen);
            if (m) resolve(m[0]);
          };
          child.stdout.on('data', look);
          child.stderr.on('data', look);
          child.on('close', (code) => reject(new Error(`serve exited ${code}: ${seen}`)));
        });
        const page = await fetch(url);
        expect(page.status).toBe(200);
        expect(await page.text()).toMatch(/<html/i);
        const api = await fetch(`${url}api/correlation?universe=majors`);
        expect(api.status).toBe(200);
        expect(((await api.json()) as { symbols: string[] }).symbols).toHaveLength(28);
      } finally {
        child.kill('SIGINT');
      }
    },
  },
  'npm test': {
    reason: 'the whole suite, this file included (it would run itself); CI runs exactly it',
    check: async () => {
      expect(readFileSync(join(repoRoot, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
      expect((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.test).toBeTruthy();
    },
  },
  'npm install @soukan/core': {
    reason: 'installs from the npm registry; test/pack.test.ts packs the published packages, installs the tarballs into an empty folder offline and runs their README examples',
    check: async () => {
      const core = JSON.parse(readFileSync(join(repoRoot, 'packages/core/package.json'), 'utf8')) as { name: string; private?: boolean; dependencies?: object };
      expect(core.name).toBe('@soukan/core');
      expect(core.private).toBeUndefined();
      expect(core.dependencies).toBeUndefined();
      expect(readFileSync(join(repoRoot, 'test/pack.test.ts'), 'utf8')).toMatch(/npm', \['install', '--offline'/);
    },
  },
  'npm run docs': {
    reason: 'writes about a thousand HTML pages in about a minute; here TypeDoc converts the three libraries with the same configuration and emits nothing, and must report no error',
    check: async () => {
      expect((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.docs).toBe('typedoc');
      const r = await runProcess(process.execPath, [join(repoRoot, 'node_modules/typedoc/bin/typedoc'), '--emit', 'none', '--logLevel', 'Error'], { cwd: repoRoot });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/\[error\]/);
    },
  },
  'soukan remove USD/CAD --source HistData': {
    reason: 'asks for confirmation on a terminal: without one it refuses and names --yes; with --yes it removes',
    check: async () => {
      const asked = await sh('soukan remove USD/CAD --source HistData', 'pipe');
      expect(asked.code).toBe(2);
      expect(asked.stderr).toMatch(/--yes/);
      const done = await sh('soukan remove USD/CAD --source HistData --yes');
      expect(done.code, done.stderr).toBe(0);
      const list = await sh('soukan list');
      expect(list.stdout).not.toMatch(/^USD\/CAD\s+HistData\s/m);
      expect(list.stdout).toMatch(/^USD\/JPY\s+HistData\s/m);
    },
  },
  'export SOUKAN_CLICKHOUSE_USER=soukan SOUKAN_CLICKHOUSE_PASSWORD=…': {
    reason: 'needs a ClickHouse server; the ClickHouse store is tested by packages/data/test/clickhouse',
    check: async () => expect(readdirSync(join(repoRoot, 'packages/data/test/clickhouse')).some((f) => f.endsWith('.test.ts'))).toBe(true),
  },
  'soukan import HISTDATA_COM_ASCII_*_M1_2017.zip --store clickhouse://127.0.0.1:8123/fx': {
    reason: 'needs a ClickHouse server on 127.0.0.1:8123; the ClickHouse store is tested by packages/data/test/clickhouse',
    check: async () => {
      // Without a server the command must say so in one line, exit 2, no stack trace.
      const r = await sh(`soukan import HISTDATA_COM_ASCII_USDJPY_M1_2017.zip --store clickhouse://127.0.0.1:9/fx`);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  },
  "soukan corr EUR/USD USD/JPY --timeframe H1 --store 'clickhouse://db1:8123/fx?cluster=risk&shards=db1:8123,db2:8123,db3:8123'": {
    reason: 'needs a three-shard ClickHouse cluster on hosts db1–db3; the cluster is tested by packages/data/test/clickhouse',
    check: async () => expect(readdirSync(join(repoRoot, 'packages/data/test/clickhouse')).some((f) => f.endsWith('.test.ts'))).toBe(true),
  },
};

const examples = readmeExamples();

/** The README's fenced `ts` blocks (the Library section), with the line each opens on. */
function readmeTypeScript(): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const re = /^```ts\n([\s\S]*?)^```/gm;
  const text = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push({ line: text.slice(0, m.index).split('\n').length, code: m[1] ?? '' });
  return blocks;
}

/**
 * The inputs the Library example takes as given (aligned return series and a
 * P&L series), and what its results must look like. The series come from a
 * fixed-seed generator: this checks that the example compiles against the
 * published types and runs, not the values (the reference tests do that).
 */
const TS_PRELUDE = `
let seed = 42;
const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
const series = (n: number): Float64Array => Float64Array.from({ length: n }, next);
const eurusd = series(500), gbpusd = series(500).map((v, i) => 0.7 * eurusd[i]! + 0.3 * v), usdjpy = series(500), pnl = series(500);
`;
const TS_EPILOGUE = `
console.log(JSON.stringify({ k: m.r.length, diag: m.r[0], rho: rho.length, first: rho[0], last: rho[499], v95: v95.var, v99: v99.var, es: v99.es }));
`;

describe('README examples', () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'soukan-readme-'));
    work = join(scratch, 'work');
    const bin = join(scratch, 'bin');
    const home = join(scratch, 'home');
    for (const d of [work, bin, join(home, 'downloads')]) mkdirSync(d, { recursive: true });
    writeFileSync(join(bin, 'soukan'), `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, 'packages/cli/bin/soukan.js')}" "$@"\n`);
    chmodSync(join(bin, 'soukan'), 0o755);
    copyFileSync(sharedData('eurofxref-hist.zip'), join(home, 'downloads', 'eurofxref-hist.zip'));
    symlinkSync(sharedData('frb_h10_daily.csv'), join(work, 'frb_h10_daily.csv'));
    const m1 = readdirSync(join(sharedDataDir, 'histdata_m1_2017')).filter((f) => f.endsWith('_M1_2017.zip'));
    expect(m1).toHaveLength(8);
    for (const f of m1) symlinkSync(sharedData(`histdata_m1_2017/${f}`), join(work, f));
    env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      SOUKAN_HOME: home,
      SOUKAN_ECB_URL: 'http://127.0.0.1:9/eurofxref-hist.zip',
      NO_COLOR: '1',
    };
    for (const k of ['SOUKAN_STORE', 'SOUKAN_ECB_FILE', 'SOUKAN_ECB_FALLBACK', 'FORCE_COLOR', 'XDG_DATA_HOME']) delete env[k];
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('every shell example is either run or listed with its reason, and every entry is still in the README', () => {
    const printed = examples.map((e) => e.command);
    const unaccounted = examples.filter((e) => !(e.command in ONE_SHOT) && !(e.command in NOT_ONE_SHOT));
    expect(unaccounted.map((e) => `README.md:${e.line}: ${e.command}`)).toEqual([]);
    expect([...Object.keys(ONE_SHOT), ...Object.keys(NOT_ONE_SHOT)].filter((c) => !printed.includes(c))).toEqual([]);
    expect(examples.length).toBeGreaterThan(20);
  });

  const tsBlocks = readmeTypeScript();
  it('the README has TypeScript examples to check', () => expect(tsBlocks.length).toBeGreaterThan(0));
  for (const { line, code } of tsBlocks) {
    it(`README.md:${line}: the TypeScript example compiles (tsc --strict, as a user's project would) and runs`, async () => {
      const ts = (await import('typescript')).default;
      const dir = mkdtempSync(join(repoRoot, '.readme-ts-'));
      try {
        const file = join(dir, 'example.mts');
        // The example's imports, then its given inputs, then the rest of it as printed.
        const lines = code.split('\n');
        const imports = lines.filter((l) => l.startsWith('import '));
        const body = lines.filter((l) => !l.startsWith('import '));
        writeFileSync(file, [...imports, TS_PRELUDE, ...body, TS_EPILOGUE].join('\n'));
        const options = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, skipLibCheck: true, types: ['node'] };
        const program = ts.createProgram([file], options);
        const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        expect(diagnostics).toEqual([]);
        const js = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } }).outputText;
        writeFileSync(join(dir, 'example.mjs'), js);
        const r = await runProcess(process.execPath, [join(dir, 'example.mjs')], { cwd: repoRoot });
        expect(r.code, r.stderr).toBe(0);
        const out = JSON.parse(r.stdout) as Record<string, number | null>;
        expect(out.k).toBe(9);
        expect(out.diag).toBe(1);
        expect(out.rho).toBe(500);
        expect(out.first).toBeNull(); // NaN until the first window is full
        expect(out.last).toBeGreaterThan(0.5);
        expect(out.v99).toBeGreaterThan(out.v95 as number);
        expect(out.es).toBeGreaterThan(out.v99 as number);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  for (const { line, command } of examples) {
    const run = ONE_SHOT[command];
    const listed = NOT_ONE_SHOT[command];
    if (run) {
      it(`README.md:${line}: ${command}`, async () => {
        const r = await sh(command);
        expect(r.code, r.stderr).toBe(0);
        run(r.stdout, r.stdout + r.stderr);
      });
    } else if (listed) {
      it(`README.md:${line}: ${command} — not one-shot: ${listed.reason}`, () => listed.check(), 300_000);
    }
  }
});
