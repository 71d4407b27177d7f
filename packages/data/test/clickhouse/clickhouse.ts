// The ClickHouse the suite runs against: $SOUKAN_TEST_CLICKHOUSE (npm test starts
// a 3-shard cluster, then one server, and sets it), else a 3-shard cluster this
// file starts and stops itself. A missing clickhouse-server fails, never skips.
import { afterAll, beforeAll } from 'vitest';
import { startClickHouse, type ClickHouseCluster } from '../../../../scripts/clickhouse.mjs';

/** What a test needs to reach the servers directly (to check what soukan did). */
export interface TestClickHouse {
  /** The store location soukan takes. */
  url: string;
  /** HTTP endpoints of every shard (one for a single server), `host:port`. */
  shards: string[];
  /** The cluster name, or null for a single server. */
  cluster: string | null;
  database: string;
}

/** Parses the few parts of a `clickhouse://` location the tests use to talk to each server. */
export function describeLocation(url: string): TestClickHouse {
  const u = new URL(url);
  if (u.protocol !== 'clickhouse:') throw new Error(`test ClickHouse: not a clickhouse:// location: ${url}`);
  const cluster = u.searchParams.get('cluster');
  const shards = u.searchParams.get('shards')?.split(',') ?? [u.host];
  return { url, shards, cluster, database: u.pathname.replace(/^\//, '') };
}

/** Registers beforeAll/afterAll and returns a getter valid inside tests. */
export function useClickHouse(): () => TestClickHouse {
  let own: ClickHouseCluster | null = null;
  let found: TestClickHouse | null = null;
  beforeAll(async () => {
    const given = process.env.SOUKAN_TEST_CLICKHOUSE;
    if (given) found = describeLocation(given);
    else {
      own = await startClickHouse({ shards: 3, quiet: true });
      found = describeLocation(own.url);
    }
  });
  afterAll(async () => {
    await own?.stop();
  });
  return () => {
    if (found === null) throw new Error('test ClickHouse: not started (call inside a test)');
    return found;
  };
}

/** Runs one statement on one server over HTTP; the answer's text, or an Error naming the server. */
export async function sql(hostPort: string, query: string, settings: Record<string, string> = {}): Promise<string> {
  const qs = new URLSearchParams(settings).toString();
  const r = await fetch(`http://${hostPort}/${qs ? `?${qs}` : ''}`, { method: 'POST', body: query, signal: AbortSignal.timeout(60_000) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${hostPort}: ${text.trim().split('\n')[0]}`);
  return text;
}
