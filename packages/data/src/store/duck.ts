/**
 * The few DuckDB operations the store needs, on DuckDB's own Node binding
 * layer: opening a file with lock conflicts turned into a sentence, running
 * SQL, reading small results as rows and DOUBLE columns straight into
 * `Float64Array`s, and feeding typed-array columns to queries through a
 * table function — one memory copy per column per 2048 rows.
 *
 * The dependency is `@duckdb/node-api` (pinned); this module calls the layer
 * it is built on, `@duckdb/node-bindings` (the C API, one function per call),
 * which node-api installs at the same version. Why not node-api's classes:
 * loading its 181 modules costs ~150 ms of CPU at every start, half the
 * budget of `soukan bars` (300 ms); its vectors are written and read one
 * value at a time, and its appender spends ~1 s of JS-thread time per 3 M
 * rows before DuckDB stores anything. (Declaring node-bindings directly
 * breaks `npm ci` on registries that carry only this platform's binary
 * package: npm then wants every optional platform package in the lock file.)
 */
import type * as Bindings from '@duckdb/node-bindings';
import { InputError } from '../errors.js';
import { lockStore, storeInUse, type StoreLockOptions } from './lockStore.js';

type Duck = typeof Bindings;
/**
 * The binding, loaded on first use: a 70 MB native library costs ~100 ms to
 * load, which commands that never open a store should not pay.
 */
let duckdb: Duck;
async function bindings(): Promise<Duck> {
  duckdb ??= ((await import('@duckdb/node-bindings')) as unknown as { default: Duck }).default;
  return duckdb;
}

/**
 * Column types a {@link RowBatch} can carry.
 *
 * @example const k: ColumnKind = 'f64'
 */
export type ColumnKind = 'f64' | 'i32';

/**
 * Columns handed to DuckDB through {@link Db.batches}: typed arrays of at least `n` rows.
 *
 * @example batches.add({ names: ['t'], kinds: ['f64'], columns: [Float64Array.of(0)], n: 1 }) // 1
 */
export interface RowBatch {
  readonly names: readonly string[];
  readonly kinds: readonly ColumnKind[];
  /** `Float64Array` for f64, `Int32Array` for i32. */
  readonly columns: readonly (Float64Array | Int32Array)[];
  readonly n: number;
}

/**
 * A query parameter (`$name` in the SQL).
 *
 * @example db.rows('SELECT $x AS x', { x: 'EUR/USD' }) // [{ x: 'EUR/USD' }]
 */
export type Param = string | number | null;

const WIDTH: Record<ColumnKind, number> = { f64: 8, i32: 4 };
const decoder = new TextDecoder();

/** Validity bits of a vector (null: every row valid). */
function validity(vec: Bindings.Vector, n: number): Uint8Array | null {
  return duckdb.vector_get_validity(vec, Math.ceil(n / 64) * 8);
}

function valid(bits: Uint8Array | null, i: number): boolean {
  return bits === null || (bits[i >> 3]! & (1 << (i & 7))) !== 0;
}

/** One column of a chunk as JS values (the types the store's small queries return). */
function decode(type: Bindings.Type, vec: Bindings.Vector, n: number): unknown[] {
  const out: unknown[] = new Array(n);
  const bits = validity(vec, n);
  switch (type) {
    case duckdb.Type.DOUBLE: {
      const b = duckdb.vector_get_data(vec, n * 8);
      const a = new Float64Array(b.buffer, b.byteOffset, n);
      for (let i = 0; i < n; i++) out[i] = valid(bits, i) ? a[i] : null;
      return out;
    }
    case duckdb.Type.BIGINT: {
      const b = duckdb.vector_get_data(vec, n * 8);
      const a = new BigInt64Array(b.buffer, b.byteOffset, n);
      for (let i = 0; i < n; i++) out[i] = valid(bits, i) ? Number(a[i]) : null;
      return out;
    }
    case duckdb.Type.INTEGER: {
      const b = duckdb.vector_get_data(vec, n * 4);
      const a = new Int32Array(b.buffer, b.byteOffset, n);
      for (let i = 0; i < n; i++) out[i] = valid(bits, i) ? a[i] : null;
      return out;
    }
    case duckdb.Type.BOOLEAN: {
      const a = duckdb.vector_get_data(vec, n);
      for (let i = 0; i < n; i++) out[i] = valid(bits, i) ? a[i] !== 0 : null;
      return out;
    }
    case duckdb.Type.VARCHAR: {
      // duckdb_string_t: uint32 length, then ≤ 12 bytes inline, or a 4-byte prefix and a pointer.
      const b = duckdb.vector_get_data(vec, n * 16);
      const dv = new DataView(b.buffer, b.byteOffset, n * 16);
      for (let i = 0; i < n; i++) {
        if (!valid(bits, i)) {
          out[i] = null;
          continue;
        }
        const len = dv.getUint32(i * 16, true);
        const bytes = len <= 12 ? new Uint8Array(b.buffer, b.byteOffset + i * 16 + 4, len) : duckdb.get_data_from_pointer(b.buffer as ArrayBuffer, b.byteOffset + i * 16 + 8, len);
        out[i] = decoder.decode(bytes);
      }
      return out;
    }
    default:
      throw new Error(`duck: column type ${duckdb.Type[type]} is not read here (cast it in SQL)`);
  }
}

/**
 * One open database and connection.
 *
 * @example const db = await Db.open('/tmp/s.duckdb'); await db.rows('SELECT 42 AS x') // [{ x: 42 }]
 */
export class Db {
  private sources?: BatchSource;

  private constructor(
    private readonly database: Bindings.Database,
    private readonly conn: Bindings.Connection,
    private readonly unlock: () => void,
    /** False for a second connection ({@link Db.connect}): closing it leaves the database open. */
    private readonly owner = true,
  ) {}

  /**
   * Opens (creating when writable) a database file. DuckDB lets one process
   * write a file, or several read it, never both; the open is fair
   * ({@link lockStore}): a writer declares a write intent and waits for the
   * reads in progress, new readers wait behind it. A file another process
   * still holds when the wait runs out becomes an `InputError` naming that
   * process.
   *
   * @throws InputError when the file is locked, is not a DuckDB database, or cannot be opened.
   * @example await Db.open('/tmp/s.duckdb') // fails with 'store /tmp/s.duckdb is in use by another process (PID …)' while another process writes it
   */
  static async open(path: string, options: { readOnly?: boolean } & StoreLockOptions = {}): Promise<Db> {
    await bindings();
    const config = duckdb.create_config();
    if (options.readOnly) duckdb.set_config(config, 'access_mode', 'READ_ONLY');
    let opened: { value: Bindings.Database; release: () => void };
    try {
      opened = await lockStore(path, options.readOnly ?? false, () => duckdb.open(path, config), options);
    } catch (e) {
      throw explainOpenError(path, e as Error);
    }
    try {
      return new Db(opened.value, await duckdb.connect(opened.value), opened.release);
    } catch (e) {
      duckdb.close_sync(opened.value);
      opened.release();
      throw e;
    }
  }

  /** Closes the connection and, unless this is a second connection, the database (a writable one is checkpointed), then lets waiting readers in. */
  close(): void {
    if (!this.owner) return void duckdb.disconnect_sync(this.conn);
    try {
      duckdb.disconnect_sync(this.conn);
      duckdb.close_sync(this.database);
    } finally {
      this.unlock();
    }
  }

  /**
   * A second connection to the same database, with transactions of its own:
   * a writer that appends ({@link appender}) must not share its connection
   * with queries running at the same time — DuckDB ends a connection's
   * running query when an appender flushes on it. Close it before this one.
   *
   * @example const writer = await db.connect(); … writer.close()
   */
  async connect(): Promise<Db> {
    return new Db(this.database, await duckdb.connect(this.database), () => {}, false);
  }

  /** Stops the running query (it fails with an interrupt error). */
  interrupt(): void {
    duckdb.interrupt(this.conn);
  }

  private async execute(sql: string, params: Record<string, Param> | undefined, streaming: boolean): Promise<Bindings.Result> {
    if (!params) {
      if (!streaming) return duckdb.query(this.conn, sql);
    }
    const ps = await duckdb.prepare(this.conn, sql);
    try {
      for (const [name, v] of Object.entries(params ?? {})) {
        const i = duckdb.bind_parameter_index(ps, name);
        if (v === null) duckdb.bind_null(ps, i);
        else if (typeof v === 'string') duckdb.bind_varchar(ps, i, v);
        else if (Number.isSafeInteger(v)) duckdb.bind_int64(ps, i, BigInt(v));
        else duckdb.bind_double(ps, i, v);
      }
      return await (streaming ? duckdb.execute_prepared_streaming(ps) : duckdb.execute_prepared(ps));
    } finally {
      duckdb.destroy_prepare_sync(ps);
    }
  }

  /** Runs one or more statements (parameters only for a single statement). */
  async run(sql: string, params?: Record<string, Param>): Promise<void> {
    await this.execute(sql, params, false);
  }

  /** Rows of a small query as objects (DOUBLE, BIGINT as number, INTEGER, BOOLEAN, VARCHAR, NULL as null). */
  async rows(sql: string, params?: Record<string, Param>): Promise<Record<string, unknown>[]> {
    const res = await this.execute(sql, params, false);
    const k = duckdb.column_count(res);
    const names = Array.from({ length: k }, (_, j) => duckdb.column_name(res, j));
    const types = Array.from({ length: k }, (_, j) => duckdb.column_type(res, j));
    const out: Record<string, unknown>[] = [];
    const chunks = duckdb.result_chunk_count(res);
    for (let c = 0; c < chunks; c++) {
      const chunk = duckdb.result_get_chunk(res, c);
      const n = duckdb.data_chunk_get_size(chunk);
      const cols = types.map((t, j) => decode(t, duckdb.data_chunk_get_vector(chunk, j), n));
      for (let i = 0; i < n; i++) {
        const r: Record<string, unknown> = {};
        for (let j = 0; j < k; j++) r[names[j]!] = cols[j]![i];
        out.push(r);
      }
    }
    return out;
  }

  /**
   * Runs a query whose columns are all DOUBLE with no NULLs (cast and
   * `coalesce(x, 'NaN')` in SQL) and returns them as `Float64Array`s.
   * `stream` fetches chunk by chunk (for millions of rows: DuckDB never holds
   * the whole result); otherwise the result is materialized first, which is
   * faster for small results (DuckDB runs the whole plan in parallel).
   */
  async columns(sql: string, options: { stream?: boolean } = {}): Promise<{ n: number; columns: Float64Array[] }> {
    const res = await this.execute(sql, undefined, options.stream ?? false);
    const k = duckdb.column_count(res);
    for (let j = 0; j < k; j++) if (duckdb.column_type(res, j) !== duckdb.Type.DOUBLE) throw new Error(`duck: column ${duckdb.column_name(res, j)} is not DOUBLE`);
    let cap = 4096;
    let n = 0;
    let columns = Array.from({ length: k }, () => new Float64Array(cap));
    const materialized = options.stream ? 0 : duckdb.result_chunk_count(res);
    for (let c = 0; ; c++) {
      const chunk = options.stream ? await duckdb.fetch_chunk(res) : c < materialized ? duckdb.result_get_chunk(res, c) : null;
      if (!chunk) break;
      const m = duckdb.data_chunk_get_size(chunk);
      if (m === 0) {
        if (options.stream) break;
        continue;
      }
      if (n + m > cap) {
        while (n + m > cap) cap *= 2;
        columns = columns.map((col) => {
          const g = new Float64Array(cap);
          g.set(col.subarray(0, n));
          return g;
        });
      }
      for (let j = 0; j < k; j++) {
        const b = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk, j), m * 8);
        columns[j]!.set(new Float64Array(b.buffer, b.byteOffset, m), n);
      }
      n += m;
    }
    return { n, columns: columns.map((col) => (col.length === n ? col : col.slice(0, n))) };
  }

  /** The connection's `soukan_batch(id)` table function (registered on first use). */
  batches(): BatchSource {
    return (this.sources ??= new BatchSource(this.conn));
  }

  /**
   * An appender of rows to `table`, whose columns are of `kinds` in table
   * order: rows it flushes join the connection's open transaction (or
   * commit on their own without one). Close it when done.
   *
   * @throws Error when the table does not exist.
   * @example const a = db.appender('ticks', ['i32', 'i64', 'i64', 'f64', 'f64', 'f64?', 'f64?'])
   */
  appender(table: string, kinds: readonly AppendKind[]): TableAppender {
    return new TableAppender(this.conn, table, kinds);
  }
}

/**
 * Column types a {@link TableAppender} writes: INTEGER, BIGINT (from whole
 * numbers in a `Float64Array`), DOUBLE, and DOUBLE with NaN stored as NULL.
 *
 * @example const k: AppendKind = 'f64?'
 */
export type AppendKind = 'i32' | 'i64' | 'f64' | 'f64?';

/**
 * A column handed to {@link TableAppender.append}: a typed array of at least
 * n values (`Int32Array` for i32, `Float64Array` otherwise), or one number
 * for every row.
 *
 * @example const seriesId: AppendColumn = 3
 */
export type AppendColumn = Float64Array | Int32Array | number;

const TWO32 = 4294967296;

/**
 * DuckDB's appender fed whole vectors: typed-array columns are copied into
 * a data chunk 2048 rows at a time (one memory copy per column, no value
 * boxed) and appended to the table's storage on the calling thread, with no
 * query plan and no callback from DuckDB's threads — the fast path for
 * millions of rows. BIGINT columns come from doubles holding whole numbers
 * (|x| < 2⁵³, rounded), written as two 32-bit words.
 *
 * @example
 * const a = db.appender('t', ['i64', 'f64']);
 * a.append([Float64Array.of(1, 2), Float64Array.of(0.5, 0.25)], 2); a.close()
 */
export class TableAppender {
  private readonly app: Bindings.Appender;
  private readonly chunk: Bindings.DataChunk;
  private readonly size: number;
  private readonly words: Int32Array;
  private readonly bits: Uint8Array;

  constructor(
    conn: Bindings.Connection,
    table: string,
    private readonly kinds: readonly AppendKind[],
  ) {
    const type = { i32: duckdb.Type.INTEGER, i64: duckdb.Type.BIGINT, f64: duckdb.Type.DOUBLE, 'f64?': duckdb.Type.DOUBLE };
    this.app = duckdb.appender_create(conn, null, table);
    this.chunk = duckdb.create_data_chunk(kinds.map((k) => duckdb.create_logical_type(type[k])));
    this.size = duckdb.vector_size();
    this.words = new Int32Array(this.size * 2);
    this.bits = new Uint8Array(this.size / 8);
  }

  /**
   * Appends rows 0…n−1 of the columns (buffered by DuckDB until
   * {@link flush} or {@link close}).
   *
   * @throws Error when a column is shorter than n or the table refuses a row.
   */
  append(columns: readonly AppendColumn[], n: number): void {
    if (columns.length !== this.kinds.length) throw new Error(`TableAppender: ${columns.length} columns for ${this.kinds.length}`);
    for (const c of columns) if (typeof c !== 'number' && c.length < n) throw new Error('TableAppender: column shorter than n');
    const w = this.words;
    const wb = w.buffer as ArrayBuffer;
    for (let pos = 0; pos < n; pos += this.size) {
      const m = Math.min(this.size, n - pos);
      duckdb.data_chunk_reset(this.chunk);
      for (let j = 0; j < columns.length; j++) {
        const c = columns[j]!;
        const kind = this.kinds[j]!;
        const vec = duckdb.data_chunk_get_vector(this.chunk, j);
        if (kind === 'i32') {
          if (typeof c === 'number') {
            w.fill(c, 0, m);
            duckdb.copy_data_to_vector(vec, 0, wb, 0, m * 4);
          } else duckdb.copy_data_to_vector(vec, 0, c.buffer as ArrayBuffer, c.byteOffset + pos * 4, m * 4);
        } else if (kind === 'i64') {
          for (let i = 0; i < m; i++) {
            const x = Math.round(typeof c === 'number' ? c : c[pos + i]!);
            const hi = Math.floor(x / TWO32);
            w[2 * i] = (x - hi * TWO32) | 0;
            w[2 * i + 1] = hi;
          }
          duckdb.copy_data_to_vector(vec, 0, wb, 0, m * 8);
        } else {
          if (typeof c === 'number') throw new Error('TableAppender: DOUBLE columns take an array');
          duckdb.copy_data_to_vector(vec, 0, c.buffer as ArrayBuffer, c.byteOffset + pos * 8, m * 8);
          if (kind === 'f64?') this.nulls(vec, c as Float64Array, pos, m);
        }
      }
      duckdb.data_chunk_set_size(this.chunk, m);
      duckdb.append_data_chunk(this.app, this.chunk);
    }
  }

  /** NaN rows of a nullable DOUBLE column marked NULL (validity written only when there is one). */
  private nulls(vec: Bindings.Vector, c: Float64Array, pos: number, m: number): void {
    let any = false;
    for (let i = 0; i < m && !any; i++) any = c[pos + i] !== c[pos + i];
    if (!any) return;
    const b = this.bits;
    b.fill(0);
    for (let i = 0; i < m; i++) {
      const v = c[pos + i]!;
      if (v === v) b[i >> 3]! |= 1 << (i & 7);
    }
    duckdb.vector_ensure_validity_writable(vec);
    duckdb.copy_data_to_vector_validity(vec, 0, b.buffer as ArrayBuffer, 0, Math.ceil(m / 64) * 8);
  }

  /** Hands the appended rows to the table (inside the open transaction, if any). */
  flush(): void {
    duckdb.appender_flush_sync(this.app);
  }

  /** Flushes and closes; the appender cannot be used afterwards. */
  close(): void {
    duckdb.appender_close_sync(this.app);
  }
}

/**
 * A table function `soukan_batch(id)` registered on one connection: queries
 * read registered {@link RowBatch}es as tables (`INSERT INTO bars SELECT …
 * FROM soukan_batch(3)`), so storage work runs on DuckDB's threads while the
 * JS thread only copies memory when DuckDB asks for the next 2048 rows.
 * @example await db.run(`INSERT INTO bars SELECT 1, t::BIGINT, … FROM soukan_batch(${db.batches().add(batch)})`)
 */
export class BatchSource {
  private readonly batches = new Map<number, RowBatch>();
  private next = 1;

  constructor(conn: Bindings.Connection) {
    const batches = this.batches;
    const vectorSize = duckdb.vector_size();
    const types: Record<ColumnKind, Bindings.LogicalType> = { f64: duckdb.create_logical_type(duckdb.Type.DOUBLE), i32: duckdb.create_logical_type(duckdb.Type.INTEGER) };
    const tf = duckdb.create_table_function();
    duckdb.table_function_set_name(tf, 'soukan_batch');
    duckdb.table_function_add_parameter(tf, types.i32);
    duckdb.table_function_set_bind(tf, (info) => {
      const id = duckdb.get_int32(duckdb.bind_get_parameter(info, 0));
      const b = batches.get(id);
      if (!b) return void duckdb.bind_set_error(info, `soukan_batch: no batch ${id}`);
      b.names.forEach((name, j) => duckdb.bind_add_result_column(info, name, types[b.kinds[j]!]));
      duckdb.bind_set_bind_data(info, { b });
    });
    duckdb.table_function_set_init(tf, (info) => duckdb.init_set_init_data(info, { pos: 0 }));
    duckdb.table_function_set_function(tf, (info, out) => {
      const { b } = duckdb.function_get_bind_data(info) as { b: RowBatch };
      const state = duckdb.function_get_init_data(info) as { pos: number };
      const m = Math.max(0, Math.min(vectorSize, b.n - state.pos));
      duckdb.data_chunk_set_size(out, m);
      if (m === 0) return;
      for (let j = 0; j < b.columns.length; j++) {
        const col = b.columns[j]!;
        const w = WIDTH[b.kinds[j]!];
        duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(out, j), 0, col.buffer as ArrayBuffer, col.byteOffset + state.pos * w, m * w);
      }
      state.pos += m;
    });
    duckdb.register_table_function(conn, tf);
  }

  /** Registers a batch and returns its id for `soukan_batch(id)`. */
  add(batch: RowBatch): number {
    for (const c of batch.columns) if (c.length < batch.n) throw new Error('BatchSource: column shorter than n');
    const id = this.next++;
    this.batches.set(id, batch);
    return id;
  }

  /** Forgets a batch (its arrays can be collected). */
  drop(id: number): void {
    this.batches.delete(id);
  }
}

/**
 * Turns DuckDB's open failures into user-facing messages.
 *
 * @example explainOpenError('/s.duckdb', new Error('IO Error: Could not set lock on file "/s.duckdb": Conflicting lock is held in /usr/bin/node (PID 42).')).message
 *   // 'store /s.duckdb is in use by another process (PID 42, /usr/bin/node) — an import or another soukan command; try again when it has finished'
 */
export function explainOpenError(path: string, e: Error): Error {
  const m = e.message ?? String(e);
  const lock = /Could not set lock on file[^:]*: Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(m);
  if (lock) return storeInUse(path, `PID ${lock[2]}, ${lock[1]}`);
  if (/Could not set lock on file/.test(m)) return storeInUse(path);
  if (/not a valid DuckDB database file|The file is not a valid|Failed to read database header|is not a DuckDB/i.test(m)) {
    return new InputError(`store ${path} is not a soukan store (not a DuckDB database file); pass another --store`);
  }
  if (/Is a directory/i.test(m)) {
    return new InputError(`store ${path} is a directory; --store takes the path of a store file (e.g. ${path.replace(/\/+$/, '')}/soukan.duckdb)`);
  }
  if (/Could not read enough bytes|truncated|Corrupt/i.test(m)) {
    return new InputError(`store ${path} is damaged or truncated (not a complete DuckDB database); restore it from a backup or pass another --store`);
  }
  if (/^IO Error: /.test(m)) {
    return new InputError(`cannot open store ${path}: ${m.replace(/^IO Error: /, '')}`);
  }
  return e;
}
