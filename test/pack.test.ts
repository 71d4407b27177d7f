/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS } from './browser/browser.js';
import { offlineLock } from './helpers/offlineLock.js';
import { runProcess, type ProcessResult } from './helpers/runProcess.js';
import { repoRoot, sharedData } from './helpers/sharedData.js';

/**
 * The published packages as a user gets them: each is packed with `npm pack`
 * (its `prepack` copies the LICENSE in), the tarballs are installed into an
 * empty folder with `npm install --offline` (the third-party dependencies
 * come from the npm cache `npm ci` filled; nothing is downloaded), and the
 * examples printed in the packages' READMEs — read from the installed
 * packages — are type-checked against the installed declarations and run:
 * `@soukan/core`'s under Node and as a Vite browser bundle in Chromium,
 * `@soukan/data`'s under Node on the real ECB file. What they print must be
 * what the README says, and the README's figures must be NumPy's / pandas'
 * (test/fixtures/packExamples.gen.py).
 */

/** Every published package (the private ones, cli/server/web/native, are not). */
const PUBLISHED = ['core', 'requests', 'wasm', 'data'] as const;

interface PackEntry {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly integrity: string;
  readonly files: readonly { path: string }[];
}

let scratch = '';
let app = '';
const packed = new Map<string, PackEntry>();

/** The environment without the `npm_*` settings an enclosing `npm test` exports (workspace, prefix …). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function run(cmd: string, args: readonly string[], cwd: string): Promise<ProcessResult> {
  return runProcess(cmd, args, { cwd, env: cleanEnv() });
}

/** The first fenced `js` block of an installed package's README. */
function readmeExample(pkg: string): string {
  const text = readFileSync(join(app, 'node_modules', '@soukan', pkg, 'README.md'), 'utf8');
  const m = /^```js\n([\s\S]*?)^```/m.exec(text);
  if (!m?.[1]) throw new Error(`@soukan/${pkg} README.md has no js example`);
  return m[1];
}

/** What each `console.log(…); // text` line of an example says it prints, in order. */
function promised(code: string): string[] {
  return code
    .split('\n')
    .filter((l) => l.startsWith('console.log('))
    .map((l) => {
      const m = /; \/\/ (.*)$/.exec(l);
      if (!m?.[1]) throw new Error(`README example line without the value it prints: ${l}`);
      return m[1];
    });
}

/** Runs an installed package's README example under Node: it must print what its comments say; returns the lines. */
async function runExample(pkg: string): Promise<string[]> {
  const code = readmeExample(pkg);
  writeFileSync(join(app, `${pkg}-example.mjs`), code);
  const r = await run(process.execPath, [`${pkg}-example.mjs`], app);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines, pkg).toEqual(promised(code));
  return lines;
}

/** Each printed figure is the reference rounded as printed (within half its last digit). */
function expectFigures(printed: string, reference: readonly number[]): void {
  const words = printed.split(' ');
  expect(words).toHaveLength(reference.length);
  words.forEach((w, i) => {
    const decimals = w.split('.')[1]?.length ?? 0;
    expect(Math.abs(Number(w) - reference[i]!), `${w} vs ${reference[i]}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
  });
}

interface Reference {
  core: { rho: number; var90: number; es90: number };
  data: { symbols: string[]; observations: number; eurusd_gbpusd: number; eurusd_usdjpy: number; gbpusd_usdjpy: number };
}
const reference = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/packExamples.json'), 'utf8')) as Reference;

function checkCore(lines: readonly string[]): void {
  expect(lines).toHaveLength(3);
  expectFigures(lines[0]!, [reference.core.rho]);
  expectFigures(lines[1]!, [reference.core.var90, reference.core.es90]);
  // OANDA's published pip locations: JPY quotes the 2nd decimal, EUR/USD the 4th, gold the 2nd.
  expect(lines[2]).toBe('0.01 0.0001 0.01');
}

describe('packed packages installed into an empty folder', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'soukan-pack-'));
    const tarballs = join(scratch, 'tarballs');
    app = join(scratch, 'app');
    mkdirSync(tarballs);
    mkdirSync(app);
    for (const pkg of PUBLISHED) {
      const r = await run('npm', ['pack', '--json', '--pack-destination', tarballs], join(repoRoot, 'packages', pkg));
      expect(r.code, r.stderr).toBe(0);
      const [entry] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as PackEntry[];
      packed.set(pkg, entry!);
    }
    const tarballsOf = PUBLISHED.map((pkg) => {
      const e = packed.get(pkg)!;
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      return { name: e.name, version: e.version, dependencies: manifest.dependencies, tarball: e.filename, integrity: e.integrity };
    });
    const lock = offlineLock(JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Parameters<typeof offlineLock>[0], 'soukan-pack-check', tarballsOf);
    const dependencies = lock.packages['']!.dependencies;
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'soukan-pack-check', private: true, type: 'module', dependencies }, null, 2));
    writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
    const install = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel', 'error'], app);
    expect(install.code, `npm install --offline: ${install.stderr}`).toBe(0);
  }, 600_000);
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('each tarball holds its README and LICENSE, and no build state; the core needs nothing else and nothing published depends on a private package', () => {
    const priv = new Set(
      readdirSync(join(repoRoot, 'packages'))
        .map((d) => JSON.parse(readFileSync(join(repoRoot, 'packages', d, 'package.json'), 'utf8')) as { name: string; private?: boolean })
        .filter((p) => p.private)
        .map((p) => p.name),
    );
    expect(priv.size).toBeGreaterThan(0);
    for (const pkg of PUBLISHED) {
      const files = packed.get(pkg)!.files.map((f) => f.path);
      expect(files, pkg).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
      expect(files.filter((f) => f.endsWith('.tsbuildinfo')), pkg).toEqual([]);
      const manifest = JSON.parse(readFileSync(join(app, 'node_modules', '@soukan', pkg, 'package.json'), 'utf8')) as {
        private?: boolean;
        license?: string;
        repository?: unknown;
        engines?: { node?: string };
        dependencies?: Record<string, string>;
      };
      expect(manifest.private, pkg).toBeUndefined();
      expect(manifest.license, pkg).toBe('Apache-2.0');
      expect(manifest.repository, pkg).toBeTruthy();
      expect(manifest.engines?.node, pkg).toBe('>=20.19');
      expect(Object.keys(manifest.dependencies ?? {}).filter((d) => priv.has(d)), pkg).toEqual([]);
      if (pkg === 'core') expect(manifest.dependencies, 'core has no dependencies').toBeUndefined();
    }
    expect(packed.get('core')!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['dist/bundle.js', 'dist/index.d.ts']));
    expect(packed.get('wasm')!.files.map((f) => f.path)).toContain('build/kernels.wasm');
  });

  it("the READMEs' examples type-check against the installed declarations (tsc --strict, Node16 resolution)", async () => {
    const ts = (await import('typescript')).default;
    const files = ['core', 'requests', 'wasm', 'data'].map((pkg) => {
      const file = join(app, `${pkg}-example.mts`);
      writeFileSync(file, readmeExample(pkg));
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(repoRoot, 'node_modules', '@types')],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });

  it("@soukan/core's README example runs under Node and prints NumPy's figures", async () => {
    checkCore(await runExample('core'));
  });

  it("@soukan/data's README example reads the real ECB file and prints pandas' coefficients, with the WebAssembly kernels installed", async () => {
    symlinkSync(sharedData('eurofxref-hist.zip'), join(app, 'eurofxref-hist.zip'));
    const lines = await runExample('data');
    expect(lines[0]).toBe(`${reference.data.symbols.join(' ')} ${reference.data.observations}`);
    expectFigures(lines[1]!, [reference.data.eurusd_gbpusd, reference.data.eurusd_usdjpy, reference.data.gbpusd_usdjpy]);
    expect(lines[2]).toBe('true');
  });

  it("@soukan/requests' and @soukan/wasm's README examples print what they say", async () => {
    expect(await runExample('requests')).toEqual(['60 kendall']);
    expect(await runExample('wasm')).toEqual(['true']);
  });

  it("a Vite browser bundle of @soukan/core's README example holds no Node built-in and prints the same in Chromium", async () => {
    const code = readmeExample('core');
    const imports = code.split('\n').filter((l) => l.startsWith('import '));
    const body = code.split('\n').filter((l) => !l.startsWith('import '));
    const web = join(app, 'web');
    mkdirSync(web);
    // The example as printed, its console.log collected into the page.
    writeFileSync(
      join(web, 'main.js'),
      [...imports, 'const printed = [];', 'const console = { log: (...a) => printed.push(a.join(" ")) };', ...body, 'document.getElementById("out").textContent = printed.join("\\n");'].join('\n'),
    );
    writeFileSync(join(web, 'index.html'), '<!doctype html><html><body><pre id="out"></pre><script type="module" src="./main.js"></script></body></html>');
    const { build } = await import('vite');
    await build({ root: web, configFile: false, logLevel: 'silent', base: './', build: { outDir: join(web, 'dist'), minify: false, emptyOutDir: true } });
    const assets = readdirSync(join(web, 'dist', 'assets')).filter((f) => f.endsWith('.js'));
    expect(assets.length).toBeGreaterThan(0);
    for (const f of assets) {
      const js = readFileSync(join(web, 'dist', 'assets', f), 'utf8');
      expect(js).toMatch(/pipSize|PIP_BY/);
      // Vite swaps a Node built-in for this stub (with a warning); a bare or node: import would fail in a browser.
      expect(js).not.toMatch(/__vite-browser-external|["']node:|\bfrom\s*["'](fs|path|os|url|worker_threads|child_process|module)["']|\brequire\(/);
      expect(js).not.toMatch(/^\s*import\s[^(]/m);
    }

    const dist = join(web, 'dist');
    const server: Server = createServer((req, res) => {
      const path = join(dist, (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!);
      try {
        const body = readFileSync(path);
        res.writeHead(200, { 'content-type': extname(path) === '.js' ? 'text/javascript' : 'text/html' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => (document.getElementById('out')?.textContent ?? '') !== '');
      const lines = (await page.textContent('#out'))!.split('\n');
      expect(errors).toEqual([]);
      expect(lines).toEqual(promised(code));
      checkCore(lines);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
