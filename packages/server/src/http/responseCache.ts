/**
 * Recently computed response bodies by request key, least recently used
 * dropped first once `maxBytes` of text is held. Keys include the data
 * version, so a cached body is never stale. Identical requests in flight
 * share one computation.
 */
export class ResponseCache {
  private readonly map = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes = 128 * 1024 * 1024) {}

  /** The cached body, or the shared computation of it. */
  async get(key: string, compute: () => Promise<string>): Promise<{ body: string; hit: boolean }> {
    const cached = this.map.get(key);
    if (cached !== undefined) {
      this.map.delete(key);
      this.map.set(key, cached);
      this.hits++;
      return { body: cached, hit: true };
    }
    this.misses++;
    let p = this.inFlight.get(key);
    if (!p) {
      p = compute();
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

  private put(key: string, body: string): void {
    const size = body.length * 2;
    if (size > this.maxBytes / 4) return; // one huge body must not flush everything
    this.map.set(key, body);
    this.bytes += size;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.length * 2;
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
