import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@soukan/data';
import { repoRoot, sharedData } from '../../../test/helpers/sharedData.js';
import { StoreProvider } from '@soukan/data';
import { ecbProvider, json, testApp, type Json } from './helpers.js';

// The API over soukan's DuckDB store (what `npm start` serves): the same
// answers as over the files, atomic uploads, and a store another process is
// writing reported as a temporary 503.

let dir: string;
let path: string;
let app: ReturnType<typeof testApp>['app'];
let provider: StoreProvider;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'soukan-api-store-'));
  path = join(dir, 'soukan.duckdb');
  const s = await Store.open(path);
  await s.importFiles([sharedData('eurofxref-hist.zip')]);
  await s.close();
  provider = new StoreProvider(path);
  app = testApp(provider).app;
}, 120_000);

afterAll(async () => provider?.close());

async function waitJob(id: string): Promise<Json> {
  for (;;) {
    const { body } = await json(app.request(`/api/jobs/${id}`));
    if (body.state === 'done' || body.state === 'failed') return body;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function fingerprint(): Promise<unknown> {
  const s = await Store.open(path, { readOnly: true });
  try {
    return await s.fingerprint();
  } finally {
    await s.close();
  }
}

const upload = (name: string, body: RequestInit['body']) =>
  app.request(new Request(`http://localhost/api/import/upload?name=${encodeURIComponent(name)}`, { method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream' }, duplex: 'half' } as RequestInit));

describe('the API over the store', () => {
  it('lists the stored series and answers as over the files', async () => {
    const list = await json(app.request('/api/list'));
    expect(list.body.provider.kind).toBe('store');
    // The file name, never the folder it is in.
    expect(list.body.provider).toMatchObject({ location: 'DuckDB store soukan.duckdb', path: 'soukan.duckdb' });
    expect(JSON.stringify(list.body)).not.toContain(dir);
    expect(JSON.stringify((await json(app.request('/api/meta'))).body)).not.toContain(dir);
    expect(list.body.series).toHaveLength(41);
    const files = testApp(await ecbProvider()).app;
    const q = '/api/correlation?universe=majors&window=250&end=2026-04-13';
    const a = (await json(app.request(q))).body;
    const b = (await json(files.request(q))).body;
    expect(a.matrix).toEqual(b.matrix);
    expect(a.source).toMatch(/from the store/);
    const bars = await json(app.request('/api/bars?symbol=EUR/USD&from=2026-04-01'));
    expect(bars.body.source).toBe('ECB');
    expect(bars.body.time[0]).toBe(Date.parse('2026-04-01T00:00:00Z'));
  });

  it('an upload goes into the store in one transaction; a bad one changes nothing', async () => {
    const before = await fingerprint();
    const bad = await waitJob((await json(upload('rates.csv', 'Date,USD,JPY\n2020-01-02,1.1,abc\n'))).body.id);
    expect(bad.state).toBe('failed');
    expect(bad.error.message).toMatch(/rates\.csv/);
    expect(await fingerprint()).toEqual(before);
    const v = (await json(app.request('/api/health'))).body.dataVersion;
    const good = await waitJob((await json(upload('frb_h10_daily.csv', readFileSync(sharedData('frb_h10_daily.csv'))))).body.id);
    expect(good.state).toBe('done');
    expect(good.result.source).toBe('FRB H.10');
    expect(good.result.added).toBeGreaterThan(100_000);
    expect((await json(app.request('/api/health'))).body.dataVersion).toBeGreaterThan(v);
    const list = await json(app.request('/api/list'));
    expect(list.body.series.filter((s: { source: string }) => s.source === 'FRB H.10').length).toBe(good.result.series.length);
    // Idempotent: the same file again adds nothing.
    const again = await waitJob((await json(upload('frb_h10_daily.csv', readFileSync(sharedData('frb_h10_daily.csv'))))).body.id);
    expect(again.result.added).toBe(0);
  });

  it('a store another process is writing is a 503 with Retry-After, and works again after', async () => {
    const script = join(dir, 'hold.mjs');
    const data = pathToFileURL(join(repoRoot, 'packages', 'data', 'dist', 'index.js')).href;
    writeFileSync(script, `import { Store } from ${JSON.stringify(data)};\nconst s = await Store.open(${JSON.stringify(path)});\nprocess.stdout.write('held\\n');\nprocess.stdin.on('data', async () => { await s.close(); process.exit(0); });\n`);
    const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise((r) => child.stdout!.once('data', r));
    try {
      const busy = await json(app.request('/api/bars?symbol=EUR/USD&from=2026-04-01'));
      expect(busy.status).toBe(503);
      expect(busy.body.error.code).toBe('store-busy');
      expect(busy.headers.get('retry-after')).toBe('2');
      // Where the store is and which process holds it stay on this machine.
      expect(busy.body.error.message).toBe('the store is in use by another process (an import or another soukan command); try again shortly');
      expect(JSON.stringify(busy.body)).not.toContain(dir);
      expect(JSON.stringify(busy.body)).not.toMatch(/PID|node/);
    } finally {
      child.stdin!.write('x');
      await new Promise((r) => child.once('exit', r));
    }
    expect((await json(app.request('/api/bars?symbol=EUR/USD&from=2026-04-01'))).status).toBe(200);
  });
});
