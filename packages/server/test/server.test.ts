import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/helpers/sharedData.js';
import { serve, serveFails, type Served } from '../../../test/browser/serve.js';
import { ecbProvider, testApp } from './helpers.js';

const ECB = sharedData('eurofxref-hist.zip');

describe('soukan serve: a real server on a free 127.0.0.1 port (worker threads)', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve(['--data', ECB, '--workers', '1', '--queue', '1']);
  });
  afterAll(async () => s?.close());

  it('binds 127.0.0.1 and prints the URL', () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers exactly what the in-process app answers (same code path, computed in a worker)', async () => {
    const q = '/api/correlation?universe=majors&window=120&method=spearman&order=cluster';
    const over = await fetch(new URL(q, s.url));
    expect(over.status).toBe(200);
    const local = testApp(await ecbProvider()).app;
    // `compute` says where the numbers were computed: OpenBLAS runs one thread
    // inside a worker and the process's threads in-process, so only its label
    // may differ; the kernel and every number must not.
    const { compute: a, ...worker } = (await over.json()) as { compute: { kernel: string; blas?: string } };
    const { compute: b, ...inProcess } = (await (await local.request(q)).json()) as { compute: { kernel: string; blas?: string } };
    expect(worker).toEqual(inProcess);
    expect(a.kernel).toBe(b.kernel);
    expect(a.blas === undefined).toBe(b.blas === undefined);
  });

  it('serves the dashboard with a content security policy and gzip assets', async () => {
    const page = await fetch(s.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await page.text();
    const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(new URL(js, s.url), { headers: { 'Accept-Encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(new URL('/correlation/pair?a=EUR/USD&b=GBP/USD', s.url))).headers.get('content-type')).toMatch(/text\/html/);
    expect((await fetch(new URL('/assets/missing.js', s.url))).status).toBe(404);
  });

  it('an upload cut off mid-way changes nothing, and the server keeps serving', async () => {
    const before = await (await fetch(new URL('/api/list', s.url))).text();
    const { port } = new URL(s.url);
    await new Promise<void>((resolve) => {
      const sock = connect(Number(port), '127.0.0.1', () => {
        sock.write(
          'POST /api/import/upload?name=eurofxref-hist.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n' +
            'Date,USD,JPY,\r\n2026-04-13,1.1684,186.75,\r\n'.repeat(50),
        );
        setTimeout(() => {
          sock.destroy();
          resolve();
        }, 200);
      });
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await (await fetch(new URL('/api/list', s.url))).text()).toBe(before);
  });

  it('caps concurrent computations: beyond one running and one queued, 503 with Retry-After', async () => {
    const urls = ['all', '6000', '5000', '4000', '3000'].map((w) => new URL(`/api/correlation?method=kendall&window=${w}`, s.url));
    const res = await Promise.all(urls.map((u) => fetch(u)));
    const busy = res.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.headers.get('retry-after')).toBe('2');
    expect(((await busy[0]!.json()) as { error: { code: string } }).error.code).toBe('busy');
    expect(res.filter((r) => r.status === 200).length).toBeGreaterThan(0);
  });
});

describe('soukan serve on the store (the default, what npm start runs)', () => {
  it('first run imports the ECB history into an empty store; the next run serves the store', async () => {
    const home = mkdtempSync(join(tmpdir(), 'soukan-serve-home-'));
    const env = { SOUKAN_HOME: home, SOUKAN_ECB_FILE: ECB };
    const first = await serve([], env);
    try {
      expect(first.stderr()).toMatch(/is empty; importing the ECB euro reference rate history/);
      const list = (await (await fetch(new URL('/api/list', first.url))).json()) as { provider: { kind: string; location: string }; series: unknown[] };
      expect(list.provider.kind).toBe('store');
      expect(list.provider.location).toBe('DuckDB store soukan.duckdb');
      expect(JSON.stringify(list)).not.toContain(home);
      expect(list.series).toHaveLength(41);
    } finally {
      await first.close();
    }
    const second = await serve([], { SOUKAN_HOME: home });
    try {
      expect(second.stderr()).toMatch(/serving the store .*\(41 series\)/);
      expect((await fetch(new URL('/api/correlation?window=60', second.url))).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('soukan serve: time budget and binding rules', () => {
  it('a computation over the time budget is stopped with 503 time-budget, and the server keeps serving', async () => {
    // A budget of 1 ms: every computation exceeds it, whatever the machine's
    // speed or load (the outcome is checked, never how long it took).
    const s = await serve(['--data', ECB, '--workers', '1', '--time-budget', '0.001']);
    try {
      const heavy = new URL('/api/correlation?method=kendall&window=all&universe=majors', s.url);
      for (let i = 0; i < 2; i++) {
        // The second time, the job goes to the worker that replaced the stopped one.
        const r = await fetch(heavy);
        expect(r.status).toBe(503);
        expect(r.headers.get('retry-after')).toBe('2');
        const body = (await r.json()) as { error: { code: string; message: string; params: { budgetSeconds: number } } };
        expect(body.error.code).toBe('time-budget');
        expect(body.error.params.budgetSeconds).toBe(0.001);
        expect(body.error.message).toMatch(/^the request exceeded its time budget of 0\.001 s \((computing|waiting for a free worker)\)/);
        // Still serving: requests without a computation are answered as before.
        expect((await fetch(new URL('/api/health', s.url))).status).toBe(200);
        const list = (await (await fetch(new URL('/api/list', s.url))).json()) as { series: unknown[] };
        expect(list.series).toHaveLength(41);
      }
      expect(s.stderr()).not.toMatch(/compute worker failed|internal error/);
    } finally {
      await s.close();
    }
  });

  it('a non-loopback --host without --token is refused (exit 2)', async () => {
    const r = await serveFails(['--data', ECB, '--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--host 0\.0\.0\.0 .*--token/);
  });

  it('with --token it starts, warns, and requires the bearer token', async () => {
    const token = 'a-long-enough-test-token';
    const s = await serve(['--data', ECB, '--host', '0.0.0.0', '--token', token]);
    try {
      expect(s.stderr()).toMatch(/warning: listening on 0\.0\.0\.0/);
      const port = new URL(s.url).port;
      const url = `http://127.0.0.1:${port}/api/list`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('--source sets what requests without ?source= read (any case), and an unknown one is refused', async () => {
    const s = await serve(['--data', ECB, '--data', sharedData('frb_h10_daily.csv'), '--source', 'frb h.10', '--workers', '0']);
    try {
      const q = '/api/correlation?symbols=EUR/USD,USD/JPY&window=30';
      const dflt = (await (await fetch(new URL(q, s.url))).json()) as { source: string };
      expect(dflt.source).toMatch(/^FRB H\.10 /);
      const ecb = (await (await fetch(new URL(`${q}&source=ECB`, s.url))).json()) as { source: string };
      expect(ecb.source).toMatch(/^ECB /);
    } finally {
      await s.close();
    }
    const r = await serveFails(['--data', ECB, '--source', 'Nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--source: no source "Nope" in the data; there is: ECB/);
  });

  it('a short token and bad option values are refused', async () => {
    expect((await serveFails(['--data', ECB, '--token', 'short'])).stderr).toMatch(/at least 16 characters/);
    expect((await serveFails(['--data', ECB, '--port', 'http'])).stderr).toMatch(/--port must be a whole number/);
    expect((await serveFails(['--data', ECB, '--data-dir', '/nonexistent/folder'])).stderr).toMatch(/--data-dir: no such folder/);
  });
});
