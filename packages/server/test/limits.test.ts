import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE, Gate } from '../src/compute/gate.js';
import { WorkerPool } from '../src/compute/workerPool.js';
import type { ComputeJob } from '../src/compute/executor.js';
import type { MarketSnapshot } from '@soukan/data';
import { HttpError } from '../src/http/httpError.js';
import { ResponseCache, stableKey } from '../src/http/responseCache.js';

const market: MarketSnapshot = {
  id: 'T@1',
  source: 'T',
  label: 'the test data',
  frequency: 'daily',
  series: [{ symbol: 'EUR/USD', time: Float64Array.of(0, 86_400_000), close: Float64Array.of(1.1, 1.2) }],
  about: { description: 'test' },
};

function job(task: string, params: unknown, budgetMs = 5_000): ComputeJob {
  return { task: task as ComputeJob['task'], market, params, deadline: Date.now() + budgetMs, budgetMs };
}

const slowWorker = new URL('./workers/slowWorker.mjs', import.meta.url);

async function rejection(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (e) {
    return e as HttpError;
  }
  throw new Error('expected a rejection');
}

describe('Gate: the cap on concurrent computations', () => {
  it('runs up to `active`, queues up to `queued`, refuses the rest with 503 busy + Retry-After', async () => {
    const g = new Gate(2, 1);
    const r1 = await g.acquire(Date.now() + 1000, 1000);
    const r2 = await g.acquire(Date.now() + 1000, 1000);
    const waiting = g.acquire(Date.now() + 1000, 1000);
    expect(g.load()).toEqual({ running: 2, waiting: 1 });
    const refused = await rejection(g.acquire(Date.now() + 1000, 1000));
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 503, code: 'busy' });
    expect(refused.headers['Retry-After']).toBe('2');
    r1();
    const r3 = await waiting; // the freed slot went to the one in line
    expect(g.load()).toEqual({ running: 2, waiting: 0 });
    r2();
    r3();
    r3(); // releasing twice is harmless
    expect(g.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('a request whose budget runs out while queued gets 503 time-budget', async () => {
    const g = new Gate(1, 4);
    const r = await g.acquire(Date.now() + 1000, 1000);
    const e = await rejection(g.acquire(Date.now() + 30, 30));
    expect(e).toMatchObject({ status: 503, code: 'time-budget' });
    expect(g.load().waiting).toBe(0);
    r();
  });
});

describe('Gate: an admission queue, not a 503 storm', () => {
  const hold = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('refuses at once, with Retry-After from the estimate, a request that cannot start within its time left', async () => {
    const g = new Gate(1, 100);
    for (let i = 0; i < 8; i++) {
      const r = await g.acquire(Date.now() + 5_000, 5_000);
      await hold(40);
      r();
    }
    const r = await g.acquire(Date.now() + 5_000, 5_000);
    const queued = Array.from({ length: 5 }, () => g.acquire(Date.now() + 5_000, 5_000));
    expect(g.expectedWaitMs()).toBeGreaterThan(150); // six ahead × ≥ 40 ms
    // 100 ms left: it would have waited them out and then failed with time-budget.
    const e = await rejection(g.acquire(Date.now() + 100, 100));
    expect(e).toMatchObject({ status: 503, code: 'busy' });
    expect(Number(e.headers['Retry-After'])).toBeGreaterThanOrEqual(2);
    expect(g.load().waiting).toBe(5);
    r();
    for (const q of queued) (await q)();
    expect(g.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('64 requests on 2 slots all wait their turn (in order) under the default queue', async () => {
    const g = new Gate(2, DEFAULT_QUEUE);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 64 }, async (_, i) => {
        const release = await g.acquire(Date.now() + 10_000, 10_000);
        order.push(i);
        await hold(1);
        release();
      }),
    );
    expect(order).toEqual(Array.from({ length: 64 }, (_, i) => i));
  });
});

describe('WorkerPool', () => {
  it('stops a computation over its budget (503), replaces the worker, and keeps serving', async () => {
    const pool = new WorkerPool(1, 4, slowWorker, () => {});
    try {
      // A job that never ends on the only worker: the next job is answered
      // only if the pool stopped that worker and started another.
      const e = await rejection(pool.run(job('slow', { ms: 1e15 }, 300)));
      expect(e).toMatchObject({ status: 503, code: 'time-budget' });
      expect(e.headers['Retry-After']).toBeDefined();
      const ok = JSON.parse(await pool.run(job('echo', { a: 1 })));
      expect(ok).toEqual({ task: 'echo', params: { a: 1 }, market: 'T@1' });
      expect(pool.load()).toMatchObject({ running: 0, waiting: 0, capacity: 1 });
    } finally {
      await pool.close();
    }
  });

  it('caps concurrency: with 1 worker and a queue of 1, a third request is refused at once', async () => {
    const pool = new WorkerPool(1, 1, slowWorker, () => {});
    try {
      const a = pool.run(job('slow', { ms: 400 }));
      const b = pool.run(job('echo', { b: 1 }));
      const c = await rejection(pool.run(job('echo', { c: 1 })));
      expect(c).toMatchObject({ status: 503, code: 'busy' });
      await a;
      expect(JSON.parse(await b).params).toEqual({ b: 1 });
    } finally {
      await pool.close();
    }
  });

  it('turns a worker InputError into a 400 and a crash into a 500, then recovers', async () => {
    const pool = new WorkerPool(1, 4, slowWorker, () => {});
    try {
      expect(await rejection(pool.run(job('fail', {})))).toMatchObject({ status: 400, code: 'invalid-param', params: { param: 'window' } });
      expect(await rejection(pool.run(job('crash', {})))).toMatchObject({ status: 500, code: 'internal' });
      expect(JSON.parse(await pool.run(job('echo', { d: 1 }))).params).toEqual({ d: 1 });
    } finally {
      await pool.close();
    }
  });
});

describe('ResponseCache', () => {
  it('shares one computation between identical requests in flight and keys parameters in any order', async () => {
    const c = new ResponseCache();
    let calls = 0;
    const compute = async (): Promise<string> => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return '{"x":1}';
    };
    const [a, b] = await Promise.all([c.get('k', compute), c.get('k', compute)]);
    expect(calls).toBe(1);
    expect(a.body).toBe(b.body);
    expect(a.body.text).toBe('{"x":1}');
    expect((await c.get('k', compute)).hit).toBe(true);
    expect(stableKey({ b: 1, a: { d: 2, c: 3 } })).toBe(stableKey({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('a failed computation is not cached', async () => {
    const c = new ResponseCache();
    await expect(c.get('k', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect((await c.get('k', async () => 'ok')).body.text).toBe('ok');
  });

  it('keeps UTF-8 bytes, a strong ETag and a gzip of each body', async () => {
    const c = new ResponseCache();
    const { body } = await c.get('k', async () => JSON.stringify({ s: 'Ω'.repeat(2000) }));
    expect(new TextDecoder().decode(body.bytes)).toBe(body.text);
    expect(body.etag).toMatch(/^"[\w-]+"$/);
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(body.gzip()).toString('utf8')).toBe(body.text);
    expect(body.gzip()).toBe(body.gzip());
  });

  it('drops the least recently used bodies beyond its size, and never caches one huge body', async () => {
    const c = new ResponseCache(400); // bytes: two per character
    await c.get('a', async () => 'a'.repeat(40));
    await c.get('b', async () => 'b'.repeat(40));
    await c.get('a', async () => 'never'); // a is now the most recently used
    for (const k of ['c', 'd', 'e', 'f']) await c.get(k, async () => k.repeat(40));
    expect(c.stats().bytes).toBeLessThanOrEqual(400);
    expect((await c.get('a', async () => 'recomputed')).hit).toBe(true);
    expect((await c.get('b', async () => 'recomputed')).hit).toBe(false);
    await c.get('huge', async () => 'h'.repeat(60)); // over a quarter of the cache
    expect((await c.get('huge', async () => 'again')).hit).toBe(false);
  });
});
