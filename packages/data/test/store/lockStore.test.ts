// Writer fairness across processes (docs/reliability.md, "Fair store
// access"): real reader processes holding the store read-only, and the real
// `soukan import` asking to write it. Each step waits for an event — a line
// a process prints, its exit — never for a length of time: the order in which
// things happen, and what each reader saw, is the outcome.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Store } from '../../src/store/store.js';
import { intentPath } from '../../src/store/lockStore.js';
import { runCli } from '../../../../test/helpers/cli.js';
import { repoRoot } from '../../../../test/helpers/sharedData.js';
import { tempDir } from './helpers.js';

const at = tempDir('soukan-store-lock-');
const BIN = join(repoRoot, 'packages', 'cli', 'bin', 'soukan.js');

/** A generated HistData M1 file of `n` minutes from 2017-01-03 10:00 New York. */
function minutes(pair: string, n: number, base: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = 10 * 60 + i;
    const hhmm = `${String(Math.floor(t / 60)).padStart(2, '0')}${String(t % 60).padStart(2, '0')}`;
    const p = (base + ((i * 7) % 13) * 1e-4).toFixed(4);
    lines.push(`20170103 ${hhmm}00;${p};${p};${p};${p};0`);
  }
  const file = at(`DAT_ASCII_${pair}_M1_201701.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

type Event = { ev: 'waiting'; behind: string; pid?: number } | { ev: 'open' | 'read'; symbols: string[] } | { ev: 'closed' } | { ev: 'error'; message: string };

/**
 * A reader process: opens the store read-only through the built package
 * (telling when it has to wait), lists it, and then lists it again on
 * `read` and closes it on `close`, printing one JSON event per step.
 */
class Reader {
  readonly child: ChildProcess;
  private readonly events: Event[] = [];
  private wake: (() => void) | undefined;
  private ended = false;

  constructor(script: string, store: string) {
    this.child = spawn(process.execPath, [script, store], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buf = '';
    this.child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        this.events.push(JSON.parse(buf.slice(0, i)) as Event);
        buf = buf.slice(i + 1);
        this.wake?.();
      }
    });
    this.child.on('exit', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  /** The next event (fails when the process ended without one). */
  async next(): Promise<Event> {
    while (this.events.length === 0) {
      if (this.ended) throw new Error('reader exited without an event');
      await new Promise<void>((r) => (this.wake = r));
    }
    return this.events.shift()!;
  }

  send(command: 'read' | 'close'): void {
    this.child.stdin!.write(`${command}\n`);
  }
}

/** `soukan import` as a process; `said(re)` resolves at the first stderr line matching, `exit` when it ends. */
function importer(file: string, store: string): { child: ChildProcess; said: (re: RegExp) => Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'import', file, '--store', store], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const watchers: { re: RegExp; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  const check = (): void => {
    for (const w of [...watchers]) {
      const m = stderr.split('\n').find((l) => w.re.test(l));
      if (m !== undefined) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    check();
  });
  child.stdout!.on('data', () => {});
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => {
      for (const w of watchers.splice(0)) w.reject(new Error(`import exited (${code}) before saying ${w.re}: ${stderr}`));
      resolve({ code, stderr });
    }),
  );
  return {
    child,
    said: (re) =>
      new Promise((resolve, reject) => {
        watchers.push({ re, resolve, reject });
        check();
      }),
    exit,
  };
}

const WAITING_FOR_READS = /^soukan: waiting for the reads in progress on the store to finish/;

describe('a writer waiting for the store is not starved by new readers (write intent)', () => {
  let script: string;
  let eur: string;
  let gbp: string;
  let usdjpy: string;
  beforeAll(() => {
    script = at('reader.mjs');
    const data = pathToFileURL(join(repoRoot, 'packages', 'data', 'dist', 'index.js')).href;
    writeFileSync(
      script,
      `import { createInterface } from 'node:readline';
import { Store } from ${JSON.stringify(data)};
const say = (e) => process.stdout.write(JSON.stringify(e) + '\\n');
const symbols = async (s) => (await s.list()).map((x) => x.symbol);
let s;
try {
  s = await Store.open(process.argv[2], { readOnly: true, onWait: (w) => say({ ev: 'waiting', behind: w.behind, pid: w.pid }) });
} catch (e) {
  say({ ev: 'error', message: e.message });
  process.exit(2);
}
say({ ev: 'open', symbols: await symbols(s) });
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'read') say({ ev: 'read', symbols: await symbols(s) });
  if (line === 'close') {
    await s.close();
    say({ ev: 'closed' });
    process.exit(0);
  }
}
`,
    );
    eur = minutes('EURUSD', 300, 1.05);
    gbp = minutes('GBPUSD', 300, 1.23);
    usdjpy = minutes('USDJPY', 300, 117.1);
  });

  it('with reads overlapping, an import gets the store after the reads already in, before the reads that came after it', async () => {
    const store = at('fair.duckdb');
    expect((await runCli(['import', eur, '--store', store])).code).toBe(0);
    // Two readers overlap: without an intent, a new reader opening before the
    // last one closes keeps the store read-held for ever.
    const r1 = new Reader(script, store);
    expect(await r1.next()).toEqual({ ev: 'open', symbols: ['EUR/USD'] });
    const r2 = new Reader(script, store);
    expect(await r2.next()).toEqual({ ev: 'open', symbols: ['EUR/USD'] });
    const w = importer(gbp, store);
    await w.said(WAITING_FOR_READS); // before, it failed at once: "in use by another process"
    expect(existsSync(intentPath(store))).toBe(true);
    // A reader that may not wait is refused, naming the import's process.
    const refused = await Store.open(store, { readOnly: true, waitMs: 0 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as Error).message).toMatch(new RegExp(`^store .*fair\\.duckdb is in use by another process \\(PID ${w.child.pid}, writing it or waiting to\\) — an import or another soukan command; try again when it has finished$`));
    r1.send('close');
    expect(await r1.next()).toEqual({ ev: 'closed' });
    // r2 still reads; a reader arriving now waits behind the import.
    const r3 = new Reader(script, store);
    expect(await r3.next()).toEqual({ ev: 'waiting', behind: 'write-intent', pid: w.child.pid });
    // The reader that was in before the intent is not cancelled: it reads on, then leaves.
    r2.send('read');
    expect(await r2.next()).toEqual({ ev: 'read', symbols: ['EUR/USD'] });
    r2.send('close');
    expect(await r2.next()).toEqual({ ev: 'closed' });
    const done = await w.exit;
    expect(done.code, done.stderr).toBe(0);
    // r3 opened only after the import committed: it sees what was imported.
    expect(await r3.next()).toEqual({ ev: 'open', symbols: ['EUR/USD', 'GBP/USD'] });
    r3.send('close');
    expect(await r3.next()).toEqual({ ev: 'closed' });
    expect(existsSync(intentPath(store))).toBe(false);
  }, 120_000);

  it('an intent left by a killed import is ignored and removed; the store imports again', async () => {
    const store = at('stale.duckdb');
    expect((await runCli(['import', eur, '--store', store])).code).toBe(0);
    const r1 = new Reader(script, store);
    expect(await r1.next()).toEqual({ ev: 'open', symbols: ['EUR/USD'] });
    const w = importer(gbp, store);
    await w.said(WAITING_FOR_READS);
    w.child.kill('SIGKILL');
    await w.exit;
    expect(existsSync(intentPath(store))).toBe(true); // nobody removed it
    const r2 = new Reader(script, store);
    expect(await r2.next()).toEqual({ ev: 'open', symbols: ['EUR/USD'] }); // no wait behind a dead process
    expect(existsSync(intentPath(store))).toBe(false);
    for (const r of [r1, r2]) {
      r.send('close');
      expect(await r.next()).toEqual({ ev: 'closed' });
    }
    const again = await runCli(['import', usdjpy, '--store', store]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/waiting/);
    const s = await Store.open(store, { readOnly: true });
    try {
      expect((await s.list()).map((x) => x.symbol)).toEqual(['EUR/USD', 'USD/JPY']);
    } finally {
      await s.close();
    }
  }, 120_000);
});
