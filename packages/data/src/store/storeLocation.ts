import { InputError } from '../errors.js';

/** An HTTP endpoint of a ClickHouse server. */
export interface ClickHouseEndpoint {
  readonly host: string;
  readonly port: number;
}

/** Where a ClickHouse store lives: the server soukan talks to, its database, and (on a cluster) every shard. */
export interface ClickHouseLocation {
  readonly kind: 'clickhouse';
  /** Reads and writes go through this server (HTTP). */
  readonly endpoint: ClickHouseEndpoint;
  readonly database: string;
  /** The `remote_servers` cluster name; undefined for a single server. */
  readonly cluster?: string;
  /** Every shard's HTTP endpoint (tables are created on each: no distributed DDL needed); `[endpoint]` for a single server. */
  readonly shards: readonly ClickHouseEndpoint[];
  /** From `$SOUKAN_CLICKHOUSE_USER` (default `default`). */
  readonly user: string;
  /** From `$SOUKAN_CLICKHOUSE_PASSWORD` (default empty); never shown. */
  readonly password: string;
  /** The location as messages show it: no user, no password. */
  readonly shown: string;
}

/** A DuckDB store file. */
export interface DuckDbLocation {
  readonly kind: 'duckdb';
  readonly path: string;
  readonly shown: string;
}

/**
 * Where a store is: a DuckDB file or a ClickHouse database.
 *
 * @example const l: StoreLocation = { kind: 'duckdb', path: 's.duckdb', shown: 's.duckdb' }
 */
export type StoreLocation = DuckDbLocation | ClickHouseLocation;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$/;
const FORM = 'clickhouse://HOST:HTTP_PORT/DATABASE[?cluster=NAME&shards=H1:P1,H2:P2,…]';

function endpointOf(text: string, shown: string, what: string): ClickHouseEndpoint {
  const m = /^(.*):(\d{1,5})$/.exec(text);
  const host = m?.[1] ?? '';
  const port = Number(m?.[2]);
  if (!m || !HOST.test(host) || !(port >= 1 && port <= 65535)) {
    throw new InputError(`store ${shown}: ${what} ${JSON.stringify(text)} is not HOST:PORT (the server's HTTP port); the form is ${FORM}`);
  }
  return { host, port };
}

/**
 * Parses a store location (`--store`, `$SOUKAN_STORE`): a path is a DuckDB
 * file; `clickhouse://HOST:HTTP_PORT/DATABASE` is a ClickHouse database on
 * one server, with `?cluster=NAME&shards=H1:P1,…` a database on a cluster
 * (reads and writes through HOST; `shards` lists every shard's HTTP
 * endpoint, where soukan creates its tables). User and password come from
 * `$SOUKAN_CLICKHOUSE_USER` / `$SOUKAN_CLICKHOUSE_PASSWORD`, never from the
 * URL, so they never appear in a command line, a message or a log. The one
 * owner of which schemes exist.
 *
 * @throws InputError for another scheme, a user or password written into the
 *   URL (without repeating it), a missing port or database, a database or
 *   cluster name that is not an identifier, an unknown or repeated
 *   parameter, or a cluster without its shards (and shards without a cluster).
 * @example parseStoreLocation('clickhouse://127.0.0.1:8123/fx', {}).database // 'fx'
 */
export function parseStoreLocation(text: string, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const scheme = SCHEME.exec(text);
  if (!scheme) return { kind: 'duckdb', path: text, shown: text };
  const name = scheme[1]!.toLowerCase();
  const rest = text.slice(scheme[0].length);
  const at = rest.search(/[/?#]/);
  const authority = at < 0 ? rest : rest.slice(0, at);
  const withoutUser = `${scheme[0]}${authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority}${at < 0 ? '' : rest.slice(at)}`;
  if (name !== 'clickhouse') {
    throw new InputError(`store ${withoutUser}: unknown scheme "${scheme[1]}:"; --store and $SOUKAN_STORE take the path of a DuckDB store file or ${FORM}`);
  }
  const shown = withoutUser;
  if (authority.includes('@')) {
    throw new InputError(`store ${shown}: user and password do not go in the URL; set $SOUKAN_CLICKHOUSE_USER and $SOUKAN_CLICKHOUSE_PASSWORD`);
  }
  const endpoint = endpointOf(authority, shown, 'server');
  const tail = at < 0 ? '' : rest.slice(at);
  const m = /^\/([^?#]*)(\?[^#]*)?$/.exec(tail);
  if (!m || m[1] === '') throw new InputError(`store ${shown}: no database; the form is ${FORM}`);
  const database = decodeURIComponent(m[1]!);
  if (!NAME.test(database)) throw new InputError(`store ${shown}: database ${JSON.stringify(database)} is not a name (letters, digits, _; not starting with a digit)`);
  const params = new Map<string, string>();
  for (const pair of (m[2] ?? '').slice(1).split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    if (key !== 'cluster' && key !== 'shards') throw new InputError(`store ${shown}: unknown parameter ${JSON.stringify(key)}; the form is ${FORM}`);
    if (params.has(key)) throw new InputError(`store ${shown}: parameter ${key} given twice`);
    params.set(key, value);
  }
  const cluster = params.get('cluster');
  const shardsText = params.get('shards');
  if (cluster !== undefined && !NAME.test(cluster)) throw new InputError(`store ${shown}: cluster ${JSON.stringify(cluster)} is not a name (letters, digits, _)`);
  if ((cluster === undefined) !== (shardsText === undefined)) {
    throw new InputError(`store ${shown}: ${cluster === undefined ? 'shards needs cluster=NAME' : 'cluster needs shards=H1:P1,H2:P2,… (every shard\'s HTTP endpoint)'}`);
  }
  const shards = shardsText === undefined ? [endpoint] : shardsText.split(',').map((s) => endpointOf(s.trim(), shown, 'shard'));
  const keys = shards.map((s) => `${s.host}:${s.port}`);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new InputError(`store ${shown}: shard ${twice} listed twice`);
  return {
    kind: 'clickhouse',
    endpoint,
    database,
    cluster,
    shards,
    user: env.SOUKAN_CLICKHOUSE_USER || 'default',
    password: env.SOUKAN_CLICKHOUSE_PASSWORD ?? '',
    shown,
  };
}
