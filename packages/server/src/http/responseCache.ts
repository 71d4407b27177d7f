import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** A computed JSON body, ready to send: UTF-8 bytes, a strong ETag, and gzip made on first demand. */
export class CachedBody {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  private gz: Uint8Array<ArrayBuffer> | undefined;
  constructor(readonly text: string) {
    this.bytes = new TextEncoder().encode(text);
    this.etag = `"${createHash('sha1').update(this.bytes).digest('base64url')}"`;
  }
  /** gzip (level 6) of the bytes, computed once. */
  gzip(): Uint8Array<ArrayBuffer> {
    if (!this.gz) {
      const z = gzipSync(this.bytes, { level: 6 });
      this.gz = new Uint8Array(z.buffer.slice(z.byteOffset, z.byteOffset + z.byteLength) as ArrayBuffer);
    }
    return this.gz;
  }
  /** Bytes held (both encodings). */
  size(): number {
    return this.bytes.length + (this.gz?.length ?? 0);
  }
}

/**
 * Recently computed response bodies by request key, least recently used
 * dropped first once `maxBytes` are held. Keys include the data version, so a
 * cached body is never stale. Identical requests in flight share one
 * computation.
 */
export class ResponseCache {
  private readonly map = new Map<string, CachedBody>();
  private readonly inFlight = new Map<string, Promise<CachedBody>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes = 128 * 1024 * 1024) {}

  /** The cached body if there is one (marks it recently used). */
  peek(key: string): CachedBody | undefined {
    const b = this.map.get(key);
    if (b) {
      this.map.delete(key);
      this.map.set(key, b);
      this.hits++;
    }
    return b;
  }

  /** The cached body, or the shared computation of it. */
  async get(key: string, compute: () => Promise<string>): Promise<{ body: CachedBody; hit: boolean }> {
    const cached = this.peek(key);
    if (cached) return { body: cached, hit: true };
    this.misses++;
    let p = this.inFlight.get(key);
    if (!p) {
      p = compute().then((text) => new CachedBody(text));
      this.inFlight.set(key, p);
      p.then(
        (body) => {
          this.inFlight.delete(key);
          this.put(key, body);
        },
        () => this.inFlight.delete(key),
      );
    }
    return { body: await p, hit: false };
  }

  private put(key: string, body: CachedBody): void {
    // One huge body must not flush everything (gzip may later add up to the same again).
    if (body.bytes.length * 2 > this.maxBytes / 4) return;
    this.map.set(key, body);
    this.bytes += body.bytes.length * 2;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.bytes.length * 2;
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }

  stats(): { entries: number; bytes: number; hits: number; misses: number } {
    return { entries: this.map.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }
}

/** JSON with object keys sorted: the same parameters give the same cache key in any order. */
export function stableKey(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}
