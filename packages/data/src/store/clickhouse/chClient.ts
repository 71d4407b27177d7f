/**
 * The few ClickHouse operations the store needs, over HTTP with the
 * official client (`@clickhouse/client`): statements, small results as
 * rows of text, Float64 columns, and inserts of TabSeparated text — every
 * failure turned into one line naming the server, the database and the
 * problem. Results are read as TabSeparated text: ClickHouse prints floats
 * in their shortest round-trip form, so `Number(text)` gives the exact
 * double (the client's JSON formats quote 64-bit integers; 18.16 has no
 * `JSONCompactEachRow`).
 */
import { Readable } from 'node:stream';
import { ClickHouseError, ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { InputError } from '../../errors.js';
import type { ClickHouseEndpoint, ClickHouseLocation } from '../storeLocation.js';

/**
 * Oldest server version the SQL here runs on (Debian bookworm's 18.16).
 *
 * @example MIN_CLICKHOUSE_VERSION // [18, 16]
 */
export const MIN_CLICKHOUSE_VERSION: readonly [number, number] = [18, 16];

/**
 * A server version as numbers, or null for text that is not one.
 *
 * @example versionOf('18.16.1') // [18, 16, 1]
 */
export function versionOf(text: string): number[] | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/**
 * True when `version` is at least `[major, minor]`.
 *
 * @example atLeast([18, 16, 1], [18, 16]) // true
 */
export function atLeast(version: readonly number[], [major, minor]: readonly [number, number]): boolean {
  const a = version[0] ?? 0;
  return a > major || (a === major && (version[1] ?? 0) >= minor);
}

/**
 * A string as a ClickHouse literal.
 *
 * @example sqlText("O'Neil") // "'O\\'Neil'"
 */
export function sqlText(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A TabSeparated field as text (`\t`, `\n`, `\\` … unescaped).
 *
 * @example unescapeTsv('a\\tb') // 'a\tb'
 */
export function unescapeTsv(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', '0': '\0' })[c] ?? c);
}

/**
 * A TabSeparated number as a double (`nan`, `inf`, `-inf` as ClickHouse prints them).
 *
 * @example tsvNumber('-inf') // -Infinity
 */
export function tsvNumber(s: string): number {
  if (s === 'nan' || s === '-nan') return Number.NaN;
  if (s === 'inf' || s === '+inf') return Infinity;
  if (s === '-inf') return -Infinity;
  return Number(s);
}

/** ClickHouse's codes for a refused login (18.16: unknown user, wrong password; newer: authentication failed). */
const AUTH_CODES = new Set(['192', '193', '194', '516']);

/**
 * One ClickHouse server (or cluster) holding a store: a client for the
 * server reads and writes go through, and one per shard for the DDL.
 *
 * @example const ch = await ChClient.connect(parseStoreLocation('clickhouse://127.0.0.1:8123/fx') as ClickHouseLocation); await ch.rows('SELECT 1') // [['1']]
 */
export class ChClient {
  private readonly clients = new Map<string, ClickHouseClient>();

  private constructor(
    readonly location: ClickHouseLocation,
    /** The server's version as numbers (e.g. [18, 16, 1]). */
    readonly version: readonly number[],
  ) {}

  /**
   * Connects: asks the server its version (refusing one older than
   * {@link MIN_CLICKHOUSE_VERSION}) and whether the database exists
   * ({@link ChClient.databaseExists}); a missing one is an error unless
   * `allowMissing` (a writer creates it with {@link ChClient.createDatabase}).
   *
   * @throws InputError naming host, database and the problem: unreachable,
   *   login refused, a version too old, a missing database.
   * @example (await ChClient.connect(location)).version // [18, 16, 1]
   */
  static async connect(location: ClickHouseLocation, options: { allowMissing?: boolean } = {}): Promise<ChClient> {
    const probe = new ChClient(location, []);
    try {
      const [row] = await probe.rows('SELECT version()');
      const text = row?.[0] ?? '';
      const version = versionOf(text);
      if (!version || !atLeast(version, MIN_CLICKHOUSE_VERSION)) {
        throw probe.fail(location.endpoint, `server version ${text || '?'} is too old; soukan needs ClickHouse ${MIN_CLICKHOUSE_VERSION.join('.')} or newer`);
      }
      const ch = new ChClient(location, version);
      for (const [k, c] of probe.clients) ch.clients.set(k, c);
      probe.clients.clear();
      const [has] = await ch.rows(`SELECT count() FROM system.databases WHERE name = ${sqlText(location.database)}`);
      ch.databaseExists = has?.[0] === '1';
      if (!ch.databaseExists && !options.allowMissing) throw ch.missingDatabase();
      return ch;
    } catch (e) {
      await probe.close();
      throw e;
    }
  }

  /** Whether the database existed when connecting (or has been created since). */
  databaseExists = false;

  /** The error for a database that does not exist. */
  missingDatabase(): InputError {
    return this.fail(this.location.endpoint, `database ${this.location.database} does not exist; soukan import creates it`);
  }

  /**
   * Creates the database on every shard (and the main server).
   *
   * @example await ch.createDatabase()
   */
  async createDatabase(): Promise<void> {
    const all = [this.location.endpoint, ...this.location.shards.filter((s) => s.host !== this.location.endpoint.host || s.port !== this.location.endpoint.port)];
    for (const at of all) await this.command(`CREATE DATABASE IF NOT EXISTS ${this.db}`, at);
    this.databaseExists = true;
  }

  /** The database name, for SQL (checked to be an identifier when the location was parsed). */
  get db(): string {
    return this.location.database;
  }

  private client(at: ClickHouseEndpoint): ClickHouseClient {
    const key = `${at.host}:${at.port}`;
    let c = this.clients.get(key);
    if (!c) {
      c = createClient({
        url: `http://${at.host}:${at.port}`,
        username: this.location.user,
        password: this.location.password,
        // Settings 18.16 does not know are never sent; the client's own log stays silent (it would print queries).
        compression: { request: false, response: false },
        log: { level: ClickHouseLogLevel.OFF },
        request_timeout: 300_000,
        keep_alive: { enabled: true },
      });
      this.clients.set(key, c);
    }
    return c;
  }

  /**
   * An error naming the store, the server and the problem (never the password).
   *
   * @example ch.fail(endpoint, 'database fx does not exist').message // 'store clickhouse://127.0.0.1:8123/fx (ClickHouse at 127.0.0.1:8123, database fx): database fx does not exist'
   */
  fail(at: ClickHouseEndpoint, problem: string): InputError {
    const pw = this.location.password;
    const text = pw ? problem.split(pw).join('***') : problem;
    return new InputError(`store ${this.location.shown} (ClickHouse at ${at.host}:${at.port}, database ${this.location.database}): ${text}`);
  }

  private explain(at: ClickHouseEndpoint, e: unknown): Error {
    if (e instanceof InputError) return e;
    const err = e as Error & { code?: string; cause?: { code?: string } };
    // 18.16's error text is not the form the client parses into a ClickHouseError: read the code from it.
    const textCode = /^Code: (\d+)/.exec(err.message ?? '')?.[1];
    if (err instanceof ClickHouseError || textCode !== undefined) {
      const code = textCode ?? String(err.code);
      if (AUTH_CODES.has(code)) return this.fail(at, `login refused for user "${this.location.user}" (wrong user or password; set $SOUKAN_CLICKHOUSE_USER and $SOUKAN_CLICKHOUSE_PASSWORD)`);
      if (code === '81') return this.missingDatabase();
      const first = (err.message.split('\n')[0] ?? '').replace(/^Code: \d+, e\.displayText\(\) = DB::Exception: /, '').replace(/, e\.what\(\) = DB::Exception$/, '');
      return this.fail(at, `ClickHouse error ${code}: ${first}`);
    }
    const sys = err.code ?? err.cause?.code;
    if (sys === 'ECONNREFUSED') return this.fail(at, 'cannot reach the server (connection refused); is ClickHouse running there, and is that its HTTP port?');
    if (sys === 'ENOTFOUND' || sys === 'EAI_AGAIN') return this.fail(at, `cannot reach the server (host ${at.host} not found)`);
    if (sys === 'ECONNRESET' || sys === 'EPIPE' || sys === 'ETIMEDOUT' || /timeout|socket hang up/i.test(err.message ?? '')) {
      return this.fail(at, `the connection failed (${sys ?? err.message}); is that the server's HTTP port?`);
    }
    return this.fail(at, `request failed: ${(err.message ?? String(e)).split('\n')[0]}`);
  }

  /**
   * Runs a statement (DDL, ALTER, INSERT … SELECT) on the main server or on `at`.
   *
   * @example await ch.command('CREATE DATABASE IF NOT EXISTS fx')
   */
  async command(sql: string, at: ClickHouseEndpoint = this.location.endpoint): Promise<void> {
    try {
      await this.client(at).command({ query: sql });
    } catch (e) {
      throw this.explain(at, e);
    }
  }

  /**
   * The result of a query as TabSeparated text.
   *
   * @example await ch.text('SELECT 1') // '1\n'
   */
  async text(sql: string, at: ClickHouseEndpoint = this.location.endpoint): Promise<string> {
    try {
      const r = await this.client(at).query({ query: sql, format: 'TabSeparated' });
      return await r.text();
    } catch (e) {
      throw this.explain(at, e);
    }
  }

  /**
   * Rows of a small query as text fields (unescaped).
   *
   * @example await ch.rows("SELECT 'a', 2") // [['a', '2']]
   */
  async rows(sql: string, at?: ClickHouseEndpoint): Promise<string[][]> {
    const text = await this.text(sql, at);
    const out: string[][] = [];
    for (const line of text.split('\n')) if (line !== '') out.push(line.split('\t').map(unescapeTsv));
    return out;
  }

  /**
   * A query whose columns are all numbers, as `Float64Array`s.
   *
   * @example await ch.columns('SELECT 1, nan') // { n: 1, columns: [Float64Array [1], Float64Array [NaN]] }
   */
  async columns(sql: string, k: number): Promise<{ n: number; columns: Float64Array[] }> {
    const text = await this.text(sql);
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    const columns = Array.from({ length: k }, () => new Float64Array(n));
    let pos = 0;
    for (let r = 0; r < n; r++) {
      const end = text.indexOf('\n', pos);
      let a = pos;
      for (let j = 0; j < k; j++) {
        let b = j === k - 1 ? end : text.indexOf('\t', a);
        if (b < 0 || b > end) b = end;
        columns[j]![r] = tsvNumber(text.slice(a, b));
        a = b + 1;
      }
      pos = end + 1;
    }
    return { n, columns };
  }

  /**
   * Inserts TabSeparated rows into `table` (a table of the store's database) on `at`.
   *
   * @example await ch.insert('imports', '1\t0\t0\t[]\t{}\n')
   */
  async insert(table: string, tsv: string, at: ClickHouseEndpoint = this.location.endpoint): Promise<void> {
    try {
      await this.client(at).insert({ table: `${this.db}.${table}`, values: Readable.from([Buffer.from(tsv)], { objectMode: false }), format: 'TabSeparated' });
    } catch (e) {
      throw this.explain(at, e);
    }
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => c.close()));
  }
}
