import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { sharedData, sharedDataDir } from '../../../test/helpers/sharedData.js';
import type { MemoryProvider } from '@soukan/data';
import { ecbProvider, json, testApp, type Json } from './helpers.js';

const H10 = sharedData('frb_h10_daily.csv');

async function waitJob(app: ReturnType<typeof testApp>['app'], id: string): Promise<Json> {
  for (;;) {
    const { body } = await json(app.request(`/api/jobs/${id}`));
    if (body.state === 'done' || body.state === 'failed') return body;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const upload = (name: string, body: RequestInit['body'], extra = '', headers: Record<string, string> = {}) =>
  new Request(`http://localhost/api/import/upload?name=${encodeURIComponent(name)}${extra}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/octet-stream', ...headers },
    duplex: 'half',
  } as RequestInit);

let data: MemoryProvider;
let app: ReturnType<typeof testApp>['app'];
let before: string;
beforeEach(async () => {
  data = await ecbProvider();
  app = testApp(data, { dataDir: sharedDataDir, limits: { maxUploadBytes: 4 * 1024 * 1024 } }).app;
  before = JSON.stringify((await json(app.request('/api/list'))).body);
});

const unchanged = async (): Promise<void> => expect(JSON.stringify((await json(app.request('/api/list'))).body)).toBe(before);

describe('uploads', () => {
  it('an H.10 file uploads, imports as a job with progress, and its pairs become addressable', async () => {
    const res = await json(app.request(upload('frb_h10_daily.csv', readFileSync(H10))));
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/jobs/${res.body.id}`);
    const job = await waitJob(app, res.body.id);
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({ source: 'FRB H.10', files: ['frb_h10_daily.csv'] });
    expect(job.result.series.length).toBeGreaterThan(20);
    const list = await json(app.request('/api/list'));
    expect(list.body.series.filter((s: { source: string }) => s.source === 'FRB H.10').length).toBe(job.result.series.length);
    const corr = await json(app.request('/api/correlation?source=FRB%20H.10&symbols=EUR/USD,USD/JPY'));
    expect(corr.status).toBe(200);
    expect(corr.body.attribution).toMatch(/Federal Reserve/);
    // Importing the same file again adds no rows.
    const again = await waitJob(app, (await json(app.request(upload('frb_h10_daily.csv', readFileSync(H10))))).body.id);
    expect(again.result.added).toBe(0);
  });

  it('an unknown format, a corrupt zip and an empty file fail with a reason and change nothing', async () => {
    const text = await waitJob(app, (await json(app.request(upload('notes.txt', 'hello\nworld\n')))).body.id);
    expect(text.state).toBe('failed');
    expect(text.error.message).toMatch(/unknown format; tried ecb/);
    expect(text.error.message).toMatch(/notes\.txt/);
    expect(text.error.message).not.toMatch(/soukan-upload-/); // the temporary path is not shown
    const zip = await waitJob(app, (await json(app.request(upload('rates.zip', Buffer.from('PK\u0003\u0004 this is not really a zip file at all'))))).body.id);
    expect(zip.state).toBe('failed');
    expect(zip.error.status).toBe(400);
    const empty = await json(app.request(upload('empty.csv', new Uint8Array(0))));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('empty-upload');
    await unchanged();
  });

  it('an interrupted upload answers 400 upload-interrupted and changes nothing', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('Date,USD,JPY,\n2026-04-13,1.1684,186.75,\n'));
        c.error(new Error('connection reset'));
      },
    });
    const res = await json(app.request(upload('eurofxref-hist.csv', stream)));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'upload-interrupted' });
    // A body shorter than its Content-Length is interrupted too.
    const short = await json(app.request(upload('x.csv', 'Date,USD\n', '', { 'Content-Length': '1000' })));
    expect(short.body.error?.code ?? short.status).toBe('upload-interrupted');
    await unchanged();
  });

  it('limits: size (413), content type (415), file name and reader options validated', async () => {
    const big = await json(app.request(upload('big.csv', new Uint8Array(5 * 1024 * 1024))));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload-too-large');
    const declared = await json(app.request(upload('big.csv', 'x', '', { 'Content-Length': String(10 * 1024 * 1024) })));
    expect(declared.status).toBe(413);
    const form = await json(app.request(new Request('http://localhost/api/import/upload?name=a.csv', { method: 'POST', body: 'a=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })));
    expect(form.status).toBe(415);
    expect((await json(app.request(upload('../../etc/passwd', 'x')))).body.error).toMatchObject({ code: 'invalid-param', params: { param: 'name' } });
    expect((await json(app.request(upload('a.csv', 'x', '&input=excel')))).body.error).toMatchObject({ code: 'invalid-param', params: { param: 'input' } });
    expect((await json(app.request(upload('a.csv', 'x', '&tz=Not%20A%20Zone!')))).body.error).toMatchObject({ code: 'invalid-param', params: { param: 'tz' } });
    await unchanged();
  });
});

describe('compressed uploads', () => {
  it('the upload limit also bounds the decompressed size: a small gzip of 16 MiB fails by name, changes nothing', async () => {
    const rows = ['time,symbol,value'];
    for (let i = 0; rows.length * 32 < 16 * 2 ** 20; i++) rows.push(`${new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString()},EUR/USD,1.1`);
    const body = gzipSync(rows.join('\n'));
    expect(body.length).toBeLessThan(4 * 2 ** 20);
    const job = await waitJob(app, (await json(app.request(upload('bomb.csv.gz', body)))).body.id);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ status: 400 });
    expect(job.error.message).toMatch(/over the limit of 4 MiB \(maxBytes\)/);
    await unchanged();
  });

  it('a truncated gzip fails as a job with a reason (it used to end the process)', async () => {
    const rows = ['time,symbol,value'];
    for (let i = 0; i < 20_000; i++) rows.push(`${new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString()},EUR/USD,1.1`);
    for (let i = 0; i < 4; i++) {
      const job = await waitJob(app, (await json(app.request(upload('cut.csv.gz', gzipSync(rows.join('\n')).subarray(0, 600))))).body.id);
      expect(job.state).toBe('failed');
      expect(job.error.message).toMatch(/unexpected end of file/);
    }
    await unchanged();
  });
});

describe('upload names', () => {
  // `..` once reached createWriteStream('/tmp', 'wx'): EEXIST surfaced as an unhandled rejection and ended the process.
  for (const raw of ['..', '.', '%2e%2e', '%2E', '%2e', ' ', 'a/b.csv', 'a\\b.csv', 'x\u0000.csv']) {
    it(`name=${JSON.stringify(raw)} is a 400, not a crash`, async () => {
      const name = raw.startsWith('%') ? raw : encodeURIComponent(raw);
      const req = new Request(`http://localhost/api/import/upload?name=${name}`, { method: 'POST', body: 'Date,USD\n2020-01-02,1.1\n', headers: { 'Content-Type': 'application/octet-stream' } });
      const res = await json(app.request(req));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid-param', params: { param: 'name' } });
      // Give a stray rejection a turn of the loop to surface (vitest fails the file on one).
      await new Promise((r) => setTimeout(r, 50));
      await unchanged();
    });
  }
});

describe('imports by path read only the configured data folder', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    json(app.request('/api/import', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } }));

  it('a file in the folder imports', async () => {
    const res = await post({ files: ['frb_h10_daily.csv'] });
    expect(res.status).toBe(202);
    expect((await waitJob(app, res.body.id)).state).toBe('done');
    const files = await json(app.request('/api/import/files'));
    expect(files.body.files.map((f: { path: string }) => f.path)).toContain('eurofxref-hist.zip');
  });

  it.each([['../README.md'], ['/etc/passwd'], ['histdata_m1_2017/../../x'], ['a\u0000b'], ['C:/Windows/win.ini']])('refuses %j', async (f) => {
    const res = await post({ files: [f] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad-path');
    await unchanged();
  });

  it('refuses a symbolic link that leads outside, and reports missing files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soukan-dd-'));
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'secret.csv'), 'Date,USD\n');
    symlinkSync(join(dir, 'secret.csv'), join(dir, 'in', 'link.csv'));
    const local = testApp(data, { dataDir: join(dir, 'in') }).app;
    const r = await json(local.request('/api/import', { method: 'POST', body: JSON.stringify({ files: ['link.csv'] }), headers: { 'Content-Type': 'application/json' } }));
    expect(r.body.error).toMatchObject({ code: 'bad-path' });
    expect(r.body.error.message).toMatch(/outside the data folder/);
    const missing = await json(local.request('/api/import', { method: 'POST', body: JSON.stringify({ files: ['nope.csv'] }), headers: { 'Content-Type': 'application/json' } }));
    expect(missing.status).toBe(404);
  });

  it('bad bodies: not JSON, no files, options of the wrong type, too large', async () => {
    expect((await json(app.request('/api/import', { method: 'POST', body: '{', headers: { 'Content-Type': 'application/json' } }))).body.error.code).toBe('invalid-json');
    expect((await post({})).body.error).toMatchObject({ code: 'missing-param', params: { param: 'files' } });
    expect((await post({ files: ['frb_h10_daily.csv'], input: 'xls' })).body.error).toMatchObject({ code: 'invalid-param', params: { param: 'input' } });
    expect((await post({ files: ['frb_h10_daily.csv'], nonsense: 1 })).body.error).toMatchObject({ code: 'unknown-param' });
    expect((await post({ files: ['x'.repeat(70_000)] })).status).toBe(413);
    await unchanged();
  });

  it('without --data-dir, imports by path are refused (403)', async () => {
    const closed = testApp(data).app;
    const r = await json(closed.request('/api/import', { method: 'POST', body: JSON.stringify({ files: ['frb_h10_daily.csv'] }), headers: { 'Content-Type': 'application/json' } }));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('imports-disabled');
  });
});

describe('access', () => {
  it('a token is required when configured (401 with WWW-Authenticate), and compared exactly', async () => {
    const secured = testApp(data, { token: 'correct horse battery staple' }).app;
    const none = await json(secured.request('/api/list'));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await secured.request('/api/list', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await secured.request('/api/list', { headers: { Authorization: 'Bearer correct horse battery staple' } })).status).toBe(200);
  });

  it('a loopback server answers loopback Host names only (DNS rebinding)', async () => {
    const guarded = testApp(data, { allowedHosts: ['localhost', '127.0.0.1', '[::1]'] }).app;
    expect((await guarded.request('http://127.0.0.1:8787/api/health')).status).toBe(200);
    expect((await guarded.request('http://[::1]:8787/api/health')).status).toBe(200);
    const evil = await json(guarded.request('http://attacker.example:8787/api/health'));
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('bad-host');
  });

  it('writes from another origin are refused', async () => {
    const r = await json(app.request('http://localhost/api/import/ecb', { method: 'POST', headers: { Origin: 'https://attacker.example' } }));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('cross-origin');
    await unchanged();
  });
});
